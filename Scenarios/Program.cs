using GossipSim.Scenarios.Cli;

return ScenariosCli.Run(args);
