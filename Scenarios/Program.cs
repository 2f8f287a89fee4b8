using GossipSim.Scenarios.Commands;

return ScenariosCli.Run(args);
