using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace GossipSim.Dashboard.Tests.Browser;

public partial class DashboardBrowserTests
{
    private const int ActiveViewSize = 5; // hyparviewActiveSize's default, which the fixture keeps

    /// <summary>
    /// A HyParView simulation run live: each peer's links (its active view) are drawn plain, never more than the active view holds at
    /// any peer, and its passive view's entries dotted beside them, never over a link; the legend shows passive entries alone, the
    /// counters count them, and the selected peer's details give its own. A peer killed from the page takes its passive view with it.
    /// </summary>
    [Test]
    public async Task AHyParViewRun_ShowsPassiveEntries_BesideLinksNoMoreThanTheActiveView()
    {
        NeedChromium();
        string url = StartRun("dashboard-hyparview.json", Path.Combine(_dir, "out"));

        await using var browserPage = await OpenBrowserPage(url);
        var page = browserPage.Page;
        var wait = browserPage.Wait;

        // Past the joins (a 2 s window: while a full view drops a link for a newcomer, the dropped peer holds its side a few ms longer),
        // every peer drawn. Paused, so that what the page draws and what the last frame counted are the same moment.
        await page.WaitForFunctionAsync(
            "() => gossipsim.frame && gossipsim.frame.t >= 5 && gossipsim.graph.peers === 14 && gossipsim.graph.modes.passive > 0", null, wait);
        await page.Locator("#play").ClickAsync();
        await page.WaitForFunctionAsync("() => !gossipsim.frame.playing && gossipsim.graph.pending === 0", null, wait);

        var modes = await page.EvaluateAsync<JsonElement>("() => ({ ...gossipsim.graph.modes, links: gossipsim.graph.links })");
        Assert.That(modes.GetProperty("links").GetInt32(), Is.GreaterThan(0));
        Assert.That((modes.GetProperty("tree").GetInt32(), modes.GetProperty("lazy").GetInt32()), Is.EqualTo((0, 0)),
            "HyParView's links are plain: its active view has no modes");
        int passive = modes.GetProperty("passive").GetInt32();
        Assert.That(passive, Is.EqualTo(await page.EvaluateAsync<int>("() => gossipsim.frame.counters.passiveEntries")),
            "every passive entry the frame counts is drawn");
        Assert.That(modes.GetProperty("dashed").GetBoolean(), Is.True, "few enough passive entries to draw them dotted");
        Assert.That(await page.EvaluateAsync<int>("() => gossipsim.graph.passiveEntries().filter(([h, e]) => gossipsim.graph.linked(h, e)).length"),
            Is.Zero, "an entry that is a link is drawn as the link, not as a passive entry");

        var degrees = await page.EvaluateAsync<JsonElement>(
            "() => gossipsim.nodes().filter(n => !n.seed).map(n => ({ id: n.id, deg: n.deg, drawn: gossipsim.graph.degree(n.id) }))");
        foreach (var p in degrees.EnumerateArray())
        {
            string id = p.GetProperty("id").GetString()!;
            Assert.That(p.GetProperty("deg").GetInt32(), Is.InRange(1, ActiveViewSize), $"{id}'s degree is its active view's size");
            Assert.That(p.GetProperty("drawn").GetInt32(), Is.InRange(1, ActiveViewSize), $"{id}'s links drawn");
        }

        var legend = page.Locator("#legend-modes");
        Assert.That(await legend.IsVisibleAsync(), Is.True, "the legend of the modes shows in a run that has passive entries");
        Assert.That(await legend.GetAttributeAsync("data-modes"), Is.EqualTo("passive"));
        Assert.That(await page.Locator("#legend-modes [data-mode=passive]").IsVisibleAsync(), Is.True);
        Assert.That(await page.Locator("#legend-modes [data-mode=tree]").IsHiddenAsync(), Is.True, "HyParView has no tree");
        Assert.That(await page.Locator("#counters dd[data-counter='passive entries']").TextContentAsync(), Is.EqualTo(passive.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.That(await page.Locator("#counters dd[data-counter='tree · lazy links']").CountAsync(), Is.Zero);

        // The peer holding the most entries drawn, selected: its details give its degree and its passive entries.
        string holder = await page.EvaluateAsync<string>(@"() => {
            const held = new Map();
            for (const [h] of gossipsim.graph.passiveEntries()) held.set(h, (held.get(h) || 0) + 1);
            return [...held].sort((a, b) => b[1] - a[1])[0][0]; }");
        await page.EvaluateAsync("id => gossipsim.select(id)", holder);
        Assert.That(await page.Locator("#node-info").TextContentAsync(), Does.Match($@"degree [1-{ActiveViewSize}] · up · [1-9]\d* passive"));
        await Screenshot(page, "dashboard-hyparview.png", "a HyParView run live: links plain, passive entries dotted");

        // Killed from the page as the simulation goes on: the crash ends its views, so its passive entries leave the picture.
        await page.Locator("#play").ClickAsync();
        await page.Locator("#btn-kill").ClickAsync();
        await page.Locator("#manager-output").Filter(new() { HasTextRegex = new Regex($"killed peer {Regex.Escape(holder)}") })
            .WaitForAsync(new() { Timeout = (float)Generous.TotalMilliseconds });
        await page.WaitForFunctionAsync(
            "h => gossipsim.node(h)?.st !== 'up' && !gossipsim.graph.passiveEntries().some(([holder]) => holder === h) && gossipsim.graph.modes.passive > 0",
            holder, wait);
        browserPage.AssertNoScriptErrors();
    }
}
