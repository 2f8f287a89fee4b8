using GossipSim.RealNet.Cli;
using GossipSim.RealNet.Host;

// A node process: one malloc arena instead of one per thread (see ProcessMemory).
ProcessMemory.UseOneMallocArena();
return NodeCommandLine.Run(args, Console.Out, Console.Error);
