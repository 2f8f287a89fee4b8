using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace GossipSim.Scenarios.Compare;

/// <summary>
/// Measures what a loopback link costs here: round trips of small messages between two TCP
/// sockets on 127.0.0.1, halved. This is the network part of a loopback run's latency; the
/// nodes' own work and the scheduler come on top and are what a comparison then shows.
/// </summary>
public static class LoopbackProbe
{
    /// <summary>One-way delays in milliseconds (RTT / 2), one per round trip, after a warm-up.</summary>
    public static double[] OneWayMs(int roundTrips = 400)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        using var client = new TcpClient { NoDelay = true };
        client.Connect((IPEndPoint)listener.LocalEndpoint);
        using var server = listener.AcceptTcpClient();
        server.NoDelay = true;
        var a = client.GetStream();
        var b = server.GetStream();
        var ping = new byte[64];
        var got = new byte[64];
        var samples = new List<double>(roundTrips);
        for (int i = 0; i < roundTrips + 50; i++)
        {
            long start = Stopwatch.GetTimestamp();
            a.Write(ping);
            b.ReadExactly(got);
            b.Write(got);
            a.ReadExactly(got);
            double ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds / 2;
            if (i >= 50) samples.Add(ms);
        }
        return samples.ToArray();
    }

    /// <summary>A log-normal through the samples' median and 90th percentile: the simulator's model for a loopback link.</summary>
    public static (double medianMs, double sigma) FitLogNormal(double[] oneWayMs)
    {
        var sorted = oneWayMs.OrderBy(x => x).ToArray();
        double p50 = Analysis.Stats.Percentiles.Of(sorted, 0.5);
        double p90 = Analysis.Stats.Percentiles.Of(sorted, 0.9);
        const double z90 = 1.2815515655446004;
        double sigma = p50 > 0 && p90 > p50 ? Math.Log(p90 / p50) / z90 : 0;
        return (Math.Max(p50, 0.001), Math.Round(sigma, 4));
    }
}
