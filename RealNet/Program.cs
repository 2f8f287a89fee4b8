using GossipSim.RealNet.Cli;

return NodeCommandLine.Run(args, Console.Out, Console.Error);
