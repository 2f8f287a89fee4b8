using System.Text.Json;
using GossipSim.Engine.Trace;
using GossipSim.Analysis.Fitting;
using Microsoft.Playwright;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Dashboard.Tests.Browser;

public partial class DashboardBrowserTests
{
    /// <summary>
    /// A simulation with --dashboard runs live at the page's pace: partition and heal pressed on
    /// the page act at the simulation's virtual time, go into its trace and its record of
    /// manager commands, and quit ends it there.
    /// </summary>
    [Test]
    public async Task PartitionAndHealPressedOnALiveSimulation_ActAtItsVirtualTime_AndAreRecorded()
    {
        NeedChromium();
        string outDir = Path.Combine(_dir, "out");
        string url = StartRun("dashboard-sim.json", outDir);

        await using var browserPage = await OpenBrowserPage(url);
        var page = browserPage.Page;
        var wait = browserPage.Wait;

        // Live, every peer joined and gossiping, with every manager button the simulator has.
        await page.WaitForFunctionAsync("() => window.gossipsim.frame && window.gossipsim.frame.manager && window.gossipsim.frame.t >= 4", null, wait);
        Assert.That(await page.Locator("#mode").TextContentAsync(), Is.EqualTo("live · simulator"));
        foreach (var button in new[] { "#btn-partition", "#btn-heal", "#btn-kill-hub", "#btn-add", "#btn-quit", "#step" })
            Assert.That(await page.Locator(button).IsVisibleAsync(), Is.True, button);

        await page.Locator("#partition-spec").FillAsync("seed:0,peers:0-3");
        await page.Locator("#btn-partition").ClickAsync();
        await page.Locator("#manager-output").Filter(new() { HasText = "partition [seed:0,peers:0-3] | [everyone else]" })
            .WaitForAsync(new() { Timeout = (float)Generous.TotalMilliseconds });
        double cutSeen = await page.EvaluateAsync<double>("() => window.gossipsim.frame.t");
        await page.WaitForFunctionAsync($"() => window.gossipsim.frame.t >= {cutSeen + 2}", null, wait);
        await page.Locator("#btn-heal").ClickAsync();
        await page.Locator("#manager-output").Filter(new() { HasText = "healed" }).WaitForAsync(new() { Timeout = (float)Generous.TotalMilliseconds });
        await page.Locator("#log").Filter(new() { HasText = "page: partition seed:0,peers:0-3" }).WaitForAsync(new() { Timeout = 10_000 });
        await page.Locator("#log").Filter(new() { HasText = "page: heal" }).WaitForAsync(new() { Timeout = 10_000 });
        await Screenshot(page, "dashboard-sim-live.png", "a simulation run live on the dashboard after a partition and a heal from the page");

        await page.Locator("#btn-quit").ClickAsync();
        await page.Locator("#manager-output").Filter(new() { HasText = "stopping the simulation" }).WaitForAsync(new() { Timeout = (float)Generous.TotalMilliseconds });
        // After the quit the run writes its results (summary, fit, plots) before it says it is done: under a local CI's four lanes
        // that took more than 60 s (its output ended at the manager's record), so this waits three times as long for it.
        var deadline = DateTime.UtcNow + 3 * Generous;
        while (DateTime.UtcNow < deadline && !Output().Contains("the simulation is done", StringComparison.Ordinal) && !_run!.HasExited) await Task.Delay(200);
        Assert.That(Output(), Does.Contain("the simulation is done"));

        // The trace and the record agree: the cut, then the heal, each at the virtual time the record gives.
        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "summary.json")));
        var record = summary.RootElement.GetProperty("extra").GetProperty("operatorCommands").EnumerateArray()
            .Select(e => (At: e.GetProperty("at").GetDouble(), Command: e.GetProperty("command").GetString())).ToList();
        Assert.That(record.Select(r => r.Command), Is.EqualTo(new[] { "partition seed:0,peers:0-3", "heal", "quit" }));
        var events = TraceSamples.Events(Analysis.Trace.TraceFile.Require(outDir)).ToList();
        Assert.That(events.Single(e => e.Kind == TraceKind.Partitioned).Time.TotalSeconds, Is.EqualTo(record[0].At).Within(1e-6));
        Assert.That(events.Single(e => e.Kind == TraceKind.Healed).Time.TotalSeconds, Is.EqualTo(record[1].At).Within(1e-6));
        Assert.That(record[1].At, Is.GreaterThan(record[0].At));
        Assert.That(summary.RootElement.GetProperty("simulatedSeconds").GetDouble(), Is.EqualTo(record[2].At).Within(1e-6), "quit ends the simulation where it was");
        browserPage.AssertNoScriptErrors();
    }
}
