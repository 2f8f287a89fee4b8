using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using GossipSim.Engine.Core;
using GossipSim.Engine.Vocabulary;

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

    /// <summary>
    /// One job, every target scraped every 2 s (the scrape timeout may not exceed the interval): a
    /// 1 s timeout left one of 8 targets down at each look on a loaded machine (the whole suite on 2
    /// cores), so "all 8 up" never held at once, while the test alone passed.
    /// </summary>
    public static string ScrapeConfig(IEnumerable<NodeAddress> targets) =>
        "global:\n  scrape_interval: 2s\n  scrape_timeout: 2s\n" +
        "scrape_configs:\n  - job_name: gossipsim\n    static_configs:\n      - targets: [" +
        string.Join(", ", targets.Select(t => $"'{t}'")) + "]\n";

    public bool HasExited => _process.HasExited;

    /// <summary>Each target's health and last scrape error as Prometheus reports them, for a failure's message.</summary>
    public async Task<string> TargetsAsync()
    {
        try
        {
            string json = await _http.GetStringAsync($"http://{Address}/api/v1/targets");
            using var doc = JsonDocument.Parse(json);
            return string.Join("; ", doc.RootElement.GetProperty("data").GetProperty("activeTargets").EnumerateArray().Select(t =>
                $"{t.GetProperty("scrapeUrl").GetString()} {t.GetProperty("health").GetString()} {t.GetProperty("lastError").GetString()}"));
        }
        catch (HttpRequestException e)
        {
            return $"Prometheus did not answer: {e.Message}";
        }
    }

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
