using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using GossipSim.Engine.Core;

namespace GossipSim.RealNet.Tests.Metrics;

/// <summary>
/// Debian's real Prometheus server as a child process on 127.0.0.1, scraping the given targets
/// every second, with its data in a directory of its own; queried through its HTTP API.
/// </summary>
public sealed class PrometheusServer : IDisposable
{
    private readonly Process _process;
    private readonly HttpClient _http = new();

    private PrometheusServer(Process process, NodeAddress address)
    {
        _process = process;
        Address = address;
    }

    public NodeAddress Address { get; }

    /// <summary>The server's executable, or null where the package is not installed.</summary>
    public static string? Executable =>
        (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin").Split(':').Select(d => Path.Combine(d, "prometheus")).FirstOrDefault(File.Exists);

    public static PrometheusServer Start(string executable, string dir, NodeAddress listen, IEnumerable<NodeAddress> targets)
    {
        Directory.CreateDirectory(dir);
        string config = Path.Combine(dir, "prometheus.yml");
        File.WriteAllText(config, ScrapeConfig(targets));
        var info = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string a in new[] { $"--config.file={config}", $"--storage.tsdb.path={Path.Combine(dir, "data")}", $"--web.listen-address={listen}" })
            info.ArgumentList.Add(a);
        var process = new Process { StartInfo = info };
        var log = new StreamWriter(Path.Combine(dir, "prometheus.log")) { AutoFlush = true };
        process.OutputDataReceived += (_, e) => { if (e.Data != null) lock (log) log.WriteLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data != null) lock (log) log.WriteLine(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new PrometheusServer(process, listen);
    }

    /// <summary>One job, every target scraped each second (the scrape timeout may not exceed the interval).</summary>
    public static string ScrapeConfig(IEnumerable<NodeAddress> targets) =>
        "global:\n  scrape_interval: 1s\n  scrape_timeout: 1s\n" +
        "scrape_configs:\n  - job_name: gossipsim\n    static_configs:\n      - targets: [" +
        string.Join(", ", targets.Select(t => $"'{t}'")) + "]\n";

    public bool HasExited => _process.HasExited;

    /// <summary>An instant query's single value (a sum, a count); null while it has no result or the server does not answer yet.</summary>
    public async Task<double?> ScalarAsync(string query)
    {
        try
        {
            string json = await _http.GetStringAsync($"http://{Address}/api/v1/query?query={Uri.EscapeDataString(query)}");
            using var doc = JsonDocument.Parse(json);
            var result = doc.RootElement.GetProperty("data").GetProperty("result");
            if (result.GetArrayLength() == 0) return null;
            return double.Parse(result[0].GetProperty("value")[1].GetString()!, CultureInfo.InvariantCulture);
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    public void Dispose()
    {
        _http.Dispose();
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
        catch (InvalidOperationException)
        {
            // never started
        }
        _process.Dispose();
    }
}
