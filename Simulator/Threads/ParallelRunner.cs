
namespace GossipSim.Simulator.Threads;

/// <summary>
/// Runs <paramref name="work"/> once for each index below <paramref name="count"/>, side by side
/// on the runtime's threads, and returns when all are done, rethrowing the first failure as it
/// was thrown. With fewer threads than indexes, a thread that becomes free takes the lowest
/// index not yet taken (the network puts its heaviest partitions first). Engine owns no
/// threads (the design's one rule): the runtime that builds a <see cref="Network.SimNetwork"/> on
/// several threads brings them this way.
/// </summary>
public delegate void ParallelRunner(int count, Action<int> work);
