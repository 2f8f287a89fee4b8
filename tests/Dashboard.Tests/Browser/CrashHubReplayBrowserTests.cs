using System.Text.Json;
using Microsoft.Playwright;

namespace GossipSim.Dashboard.Tests.Browser;

public partial class DashboardBrowserTests
{
    /// <summary>
    /// The committed crash-hub run (real processes on loopback; a copy of its fixture,
    /// tests/fixtures/crash-hub, so the headline command's new run never changes it) replayed at
    /// 12.3 s, between the hub's suspicion (12.1 s) and its removal (13.1 s): the hub is drawn
    /// grey and labelled with its crash and suspicion, the failure timeline has its row, and a
    /// followed message turns the peers it reached green (docs/img/dashboard-crash-hub.png is this
    /// page). Played on, the hub leaves the picture when the seeds remove it.
    /// </summary>
    [Test]
    public async Task TheCrashHubReplay_ShowsTheCrashedHubSuspected_AFollowedMessage_AndTheRemoval()
    {
        NeedChromium();
        string results = CopyOfFixture("crash-hub");
        string hub;
        using (var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(results, "summary.json"))))
            hub = summary.RootElement.GetProperty("failures")[0].GetProperty("node").GetString()!;
        string url = StartDashboard("replay", results, "--at", "12.3");

        await using var browserPage = await OpenBrowserPage(url);
        var page = browserPage.Page;
        var wait = browserPage.Wait;
        await page.WaitForFunctionAsync("() => gossipsim.frame && gossipsim.frame.t >= 12.3 && gossipsim.graph.firstFullRenderMs != null", null, wait);

        var drawn = await page.EvaluateAsync<JsonElement>("a => gossipsim.graph.node(a)", hub);
        Assert.That(drawn.GetProperty("color").GetString(), Is.EqualTo("#9ca3af"), "the crashed hub is grey");
        Assert.That(drawn.GetProperty("label").GetString(), Does.StartWith("✕").And.Contain("crashed 9.05 s").And.Contain("suspected"));
        Assert.That(await page.Locator("#timeline").TextContentAsync(), Does.Contain(hub), "the failure timeline has the hub's row");

        // The last message that reached every peer up: followed, each peer it reached turns green.
        await FollowLastMessage(page, "m => m.reached >= gossipsim.frame.counters.peers - 1", wait);
        await Screenshot(page, "dashboard-crash-hub.png", "crash-hub replayed at 12.3 s: the crashed hub suspected, one message followed", atRest: true);

        await page.Locator("#play").ClickAsync();
        await page.WaitForFunctionAsync("a => gossipsim.frame.t >= 13.2 && !gossipsim.graph.has(a)", hub, wait);
        Assert.That(await page.EvaluateAsync<bool>("() => gossipsim.frame.failures[0].removedAt != null"), Is.True);
        Assert.That(await page.Locator("#log").TextContentAsync(), Does.Contain("removed"));
        browserPage.AssertNoScriptErrors();
    }

    /// <summary>A fresh copy of tests/fixtures/NAME in the test's work folder: the replay may write beside what it reads.</summary>
    private static string CopyOfFixture(string name)
    {
        string source = Path.Combine(RepoRoot(), "tests", "fixtures", name);
        string copy = Path.Combine(TestContext.CurrentContext.WorkDirectory, "fixtures", $"{name}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(copy);
        foreach (var f in Directory.GetFiles(source)) File.Copy(f, Path.Combine(copy, Path.GetFileName(f)));
        return copy;
    }

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (dir != null && !File.Exists(Path.Combine(dir.FullName, "GossipSim.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new DirectoryNotFoundException("no GossipSim.sln above " + TestContext.CurrentContext.TestDirectory);
    }
}
