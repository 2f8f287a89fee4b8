using System.Diagnostics;
using GossipSim.Bench.Phold;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Scenarios.Bench;

/// <summary>`bench phold`: ROSS's PHOLD model on our event queue. Prints one JSON line.</summary>
public static class PholdBench
{
    public static int Run(int processes, double endTime, ulong seed)
    {
        if (processes < 1) { Console.Error.WriteLine("error: --lps must be at least 1"); return 2; }
        if (!(endTime > 0) || endTime > 1e9) { Console.Error.WriteLine(
            "error: --end must be above 0 and at most 1000000000 (time units; a delay averages 2)"); return 2; }
        var clock = Stopwatch.StartNew();
        var result = PholdSimulation.Run(processes, endTime, PholdStreams.Events(seed));
        clock.Stop();
        long peak = Process.GetCurrentProcess().PeakWorkingSet64;
        var line = new Dictionary<string, object>
        {
            ["model"] = "phold",
            ["logicalProcesses"] = result.LogicalProcesses,
            ["remoteFraction"] = PholdSimulation.RemoteFraction,
            ["mean"] = PholdSimulation.Mean,
            ["lookahead"] = PholdSimulation.Lookahead,
            ["startEventsPerProcess"] = PholdSimulation.StartEventsPerProcess,
            ["endTime"] = result.EndTime,
            ["events"] = result.Events,
            ["remoteEvents"] = result.RemoteEvents,
            ["wallSeconds"] = Math.Round(clock.Elapsed.TotalSeconds, 3),
            ["eventsPerSecond"] = Math.Round(result.Events / clock.Elapsed.TotalSeconds),
            ["peakWorkingSetBytes"] = peak,
            ["bytesPerLogicalProcess"] = peak / processes,
            ["hash"] = result.Hash.ToString("x16"),
            ["seed"] = seed,
        };
        BenchLine.Print(line);
        return 0;
    }
}
