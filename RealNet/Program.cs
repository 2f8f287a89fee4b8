using GossipSim.RealNet.Cli;
using GossipSim.RealNet.Host;

ProcessMemory.LimitMallocArenas(); // before the threads that would each take an arena (see ProcessMemory)

return NodeCommandLine.Run(args, Console.Out, Console.Error);
