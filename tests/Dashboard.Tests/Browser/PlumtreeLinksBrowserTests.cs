using System.Text.Json;
using Microsoft.Playwright;

namespace GossipSim.Dashboard.Tests.Browser;

public partial class DashboardBrowserTests
{
    /// <summary>
    /// A Plumtree simulation run live: the page draws its links in their modes (the graph view holds tree and lazy links, every link
    /// one or the other), counts them, shows the legend of the modes this run has (no passive entries: Plumtree has none), and the
    /// selected peer's details give its links by mode.
    /// </summary>
    [Test]
    public async Task APlumtreeRun_ShowsTreeAndLazyLinks_InThePicture_TheCountersAndTheLegend()
    {
        NeedChromium();
        string url = StartRun("dashboard-plumtree.json", Path.Combine(_dir, "out"));

        await using var browserPage = await OpenBrowserPage(url);
        var page = browserPage.Page;
        var wait = browserPage.Wait;

        // Before the first duplicate every link is plain and the legend hidden; once gossip has spread, links are pruned off the tree.
        await page.WaitForFunctionAsync(
            "() => gossipsim.frame && gossipsim.frame.counters.lazyLinks > 0 && gossipsim.graph.modes.lazy > 0 && gossipsim.graph.pending === 0", null, wait);
        var modes = await page.EvaluateAsync<JsonElement>("() => ({ ...gossipsim.graph.modes, links: gossipsim.graph.links })");
        Assert.That(modes.GetProperty("tree").GetInt32(), Is.GreaterThan(0), "the tree's links");
        Assert.That(modes.GetProperty("lazy").GetInt32(), Is.GreaterThan(0), "links off the tree");
        Assert.That(modes.GetProperty("tree").GetInt32() + modes.GetProperty("lazy").GetInt32(), Is.EqualTo(modes.GetProperty("links").GetInt32()),
            "in a Plumtree run every link drawn is on the tree or lazy");
        Assert.That(modes.GetProperty("passive").GetInt32(), Is.Zero);
        Assert.That(modes.GetProperty("dashed").GetBoolean(), Is.True, "few enough lazy links to draw them dashed");

        var legend = page.Locator("#legend-modes");
        Assert.That(await legend.IsVisibleAsync(), Is.True, "the legend of the modes shows in a run that has them");
        Assert.That(await legend.GetAttributeAsync("data-modes"), Is.EqualTo("tree lazy"));
        Assert.That(await page.Locator("#legend-modes [data-mode=tree]").IsVisibleAsync(), Is.True);
        Assert.That(await page.Locator("#legend-modes [data-mode=lazy]").IsVisibleAsync(), Is.True);
        Assert.That(await page.Locator("#legend-modes [data-mode=passive]").IsHiddenAsync(), Is.True, "Plumtree has no passive entries");
        Assert.That(await page.Locator("#counters dd[data-counter='tree · lazy links']").TextContentAsync(), Does.Match(@"^\d+ · [1-9]\d*$"));

        // A peer with a lazy link, selected: its details give its links by mode.
        string peer = await page.EvaluateAsync<string>(
            "() => gossipsim.nodes().filter(n => !n.seed).sort((a, b) => b.deg - a.deg)[0].id");
        await page.EvaluateAsync("id => gossipsim.select(id)", peer);
        Assert.That(await page.Locator("#node-info").TextContentAsync(), Does.Match(@"links: \d+ tree, \d+ lazy"));
        // Paused, so that no crossing lights a link over its mode in the picture.
        await page.Locator("#play").ClickAsync();
        await page.WaitForFunctionAsync("() => !gossipsim.frame.playing", null, wait);
        await Screenshot(page, "dashboard-plumtree.png", "a Plumtree run live: tree links solid, lazy links dashed");
        browserPage.AssertNoScriptErrors();
    }
}
