using BenchmarkDotNet.Running;

// dotnet run -c Release --project tests/Benchmarks -- --filter '*'          (all)
// dotnet run -c Release --project tests/Benchmarks -- --filter '*Xmin*'
BenchmarkSwitcher.FromAssembly(typeof(GossipSim.Benchmarks.XminSearchBenchmark).Assembly).Run(args);
