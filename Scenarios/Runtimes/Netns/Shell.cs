using System.Diagnostics;

namespace GossipSim.Scenarios.Runtimes.Netns;

/// <summary>Runs the bed's tools (ip, nft) and hands back what they said; the bed never parses human output beyond that.</summary>
internal static class Shell
{
    public readonly record struct Result(int ExitCode, string Stdout, string Stderr)
    {
        public bool Ok => ExitCode == 0;
    }

    /// <summary>Runs <paramref name="file"/> with the arguments, feeding <paramref name="stdin"/> when given; never throws for a non-zero
    /// exit.</summary>
    public static Result Run(string file, IEnumerable<string> args, string? stdin = null, int timeoutMs = 30_000)
    {
        var psi = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = stdin != null,
            UseShellExecute = false,
        };
        foreach (var a in args) psi.ArgumentList.Add(a);
        Process p;
        try
        {
            p = Process.Start(psi) ?? throw new BedException($"could not start {file}");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            return new Result(127, "", $"{file}: {ex.Message}");
        }
        using (p)
        {
            var stdout = p.StandardOutput.ReadToEndAsync();
            var stderr = p.StandardError.ReadToEndAsync();
            if (stdin != null)
            {
                // A tool that fails at once (nsenter into a namespace that is gone) closes its input first: its exit code tells.
                try
                {
                    p.StandardInput.Write(stdin);
                    p.StandardInput.Close();
                }
                catch (IOException) { }
            }
            if (!p.WaitForExit(timeoutMs))
            {
                try { p.Kill(); } catch (InvalidOperationException) { }
                return new Result(124, stdout.Result, $"{file} timed out after {timeoutMs / 1000} s");
            }
            return new Result(p.ExitCode, stdout.Result, stderr.Result);
        }
    }

    /// <summary>Like <see cref="Run"/>, but a failure is a <see cref="BedException"/> naming the command and its stderr.</summary>
    public static string Must(string file, IEnumerable<string> args, string? stdin = null)
    {
        var list = args.ToList();
        var r = Run(file, list, stdin);
        if (!r.Ok)
            throw new BedException($"`{file} {string.Join(' ', list)}` failed "
                + $"(exit {r.ExitCode}): {r.Stderr.Trim()}{(stdin != null ? $"\ninput was:\n{stdin}" : "")}");
        return r.Stdout;
    }
}

/// <summary>The bed could not be built or changed: a tool failed. Teardown still runs.</summary>
public sealed class BedException(string message) : Exception(message);

/// <summary>The machine does not allow network namespaces here (not root, no iproute2, no nft, or `ip netns add` refused).</summary>
public sealed class NamespacesUnavailableException(string message) : Exception(message);
