using GossipSim.Engine.Seed;
using GossipSim.Engine.Vocabulary;
using GossipSim.RealNet.Host;
using GossipSim.RealNet.Security;
using GossipSim.RealNet.Storage;

namespace GossipSim.RealNet.Nodes;

/// <summary>
/// Where a running seed takes an operator's change of the seed set (issue 56, 2): once a second it looks for
/// <see cref="SeedSetRequestFile.RequestName"/> in its state directory, takes it (read, then deleted), gives the change to the seed on
/// its loop (<see cref="SeedNode.ChangeSeedSet"/>, which proposes it only with the operator's approval at the set in force) and
/// writes what became of it to <see cref="SeedSetRequestFile.AnswerName"/>: "proposed ..." or "refused: why". The seeds' vote then
/// decides; the <c>seed-set</c> command watches the seed's <c>seedset.state</c> for the outcome.
/// </summary>
public sealed class SeedSetInbox : IDisposable
{
    private readonly string _dir;
    private readonly NodeHost _host;
    private readonly NodeLog _log;
    private readonly Timer _timer;
    private int _busy;

    public SeedSetInbox(string stateDir, NodeHost host, NodeLog log, TimeSpan? every = null)
    {
        _dir = stateDir;
        _host = host;
        _log = log;
        var period = every ?? TimeSpan.FromSeconds(1);
        _timer = new Timer(_ => Look(), null, period, period);
    }

    private void Look()
    {
        if (Interlocked.Exchange(ref _busy, 1) != 0) return;
        try
        {
            string path = Path.Combine(_dir, SeedSetRequestFile.RequestName);
            if (!File.Exists(path)) return;
            string answer = Take(path);
            _log.Line($"seed set: the operator's request in {path}: {answer}");
            SeedSetRequestFile.WriteWhole(Path.Combine(_dir, SeedSetRequestFile.AnswerName), answer + "\n");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _log.Line($"warning: seed set: cannot take the operator's request in {_dir}: {e.Message}");
        }
        finally
        {
            Volatile.Write(ref _busy, 0);
        }
    }

    /// <summary>Reads and deletes the request, and gives it to the seed: the answer's one line.</summary>
    private string Take(string path)
    {
        var info = new FileInfo(path);
        if (info.Length > SeedSetRequestFile.MaxBytes)
        {
            File.Delete(path);
            return $"refused: {path} is {info.Length} bytes; a request is at most {SeedSetRequestFile.MaxBytes}";
        }
        string text = File.ReadAllText(path);
        File.Delete(path);
        SeedSetChange change;
        SeedSetRequestFile.Request request;
        try
        {
            request = SeedSetRequestFile.Parse(text, path);
            var key = request.Key is { } k ? NodeIdentity.ParsePublic(k, $"{path}: key") : (NodeKey?)null;
            change = new SeedSetChange(request.Kind, request.Seed, key, request.Replaced);
        }
        catch (Exception e) when (e is FormatException or NodeKeyException)
        {
            return $"refused: {e.Message}";
        }
        var given = _host.InvokeAsync(n =>
        {
            var seed = (SeedNode)n;
            if (seed.SeedSet.Version != request.FromVersion)
                return $"the approval is for version {request.FromVersion} of the seed set, which is at {seed.SeedSet} here: "
                    + "sign the change again";
            return seed.ChangeSeedSet(change, request.Approval);
        });
        try
        {
            if (!given.Wait(TimeSpan.FromSeconds(30))) return "refused: the seed did not take it within 30 s";
        }
        catch (AggregateException e)
        {
            return $"refused: {e.InnerException?.Message}";
        }
        return given.Result is { } refusal ? $"refused: {refusal}" : $"proposed {change} at version {request.FromVersion}";
    }

    public void Dispose() => _timer.Dispose();
}
