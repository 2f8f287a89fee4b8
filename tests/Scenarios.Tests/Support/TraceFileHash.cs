using System.Security.Cryptography;
using GossipSim.Analysis.Trace;

namespace GossipSim.Scenarios.Tests.Support;

/// <summary>
/// A trace file's SHA-256 as a run's summary writes it (<c>sha256:hex</c> of the uncompressed lines): the file is
/// streamed through the hash, never held (sim-crash-hub-1k's is 1.78 GB uncompressed).
/// </summary>
public static class TraceFileHash
{
    public static string Of(string path)
    {
        using var trace = TraceFile.Open(path);
        return "sha256:" + Convert.ToHexStringLower(SHA256.HashData(trace));
    }
}
