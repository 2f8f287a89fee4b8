return GossipSim.Analysis.Cli.AnalysisCli.Run(args);
