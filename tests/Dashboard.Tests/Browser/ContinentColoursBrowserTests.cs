using GossipSim.Scenarios.Definition;

namespace GossipSim.Dashboard.Tests.Browser;

public partial class DashboardBrowserTests
{
    /// <summary>
    /// A simulation on the measured Internet offers to colour its peers by continent: pressed, a peer placed in Europe takes
    /// Europe's colour and the legend names the continents; pressed again, it is coloured by its state alone.
    /// </summary>
    [Test]
    public async Task OnTheMeasuredInternet_ThePeersCanBeColouredByContinent()
    {
        NeedChromium();
        string outDir = Path.Combine(_dir, "out");
        string url = StartDashboard(ScenarioLoader.Resolve("wan-crash-hub-small.json"), "--dashboard", "--dashboard-port", "0", "--out", outDir, "--quiet");

        await using var browserPage = await OpenBrowserPage(url);
        var page = browserPage.Page;
        var wait = browserPage.Wait;
        await page.WaitForFunctionAsync("() => window.gossipsim.frame && gossipsim.nodes().filter(n => !n.seed && n.rg && n.st === 'up').length >= 30",
            null, wait);
        Assert.That(await page.Locator("#continents").IsVisibleAsync(), Is.True, "the button shows on a wan run");
        Assert.That(await page.Locator("#legend-continents").IsVisibleAsync(), Is.False, "no continents' legend before it is pressed");
        string id = await page.EvaluateAsync<string>("() => gossipsim.nodes().find(n => !n.seed && n.st === 'up' && !n.sus && n.rg === 'Europe').id");
        // The frame lists a node before the graph view draws it (its next animation frame; CI under load once read it a moment
        // too soon: null).
        await page.WaitForFunctionAsync($"() => gossipsim.graph.node('{id}') !== null", null, wait);
        string byState = await page.EvaluateAsync<string>($"() => gossipsim.graph.node('{id}').color");

        await page.Locator("#continents").ClickAsync();
        const string europe = "#7c3aed"; // graph-view.js's CONTINENT_COLOURS
        await page.WaitForFunctionAsync($"() => gossipsim.graph.node('{id}').color === '{europe}'", null, wait);
        Assert.That(byState, Is.Not.EqualTo(europe));
        Assert.That(await page.Locator("#legend-continents").TextContentAsync(), Does.Contain("Europe").And.Contain("North America"));
        Assert.That(await page.Locator("#continents").GetAttributeAsync("aria-pressed"), Is.EqualTo("true"));

        await page.Locator("#continents").ClickAsync();
        await page.WaitForFunctionAsync($"() => gossipsim.graph.node('{id}').color !== '{europe}'", null, wait);
        Assert.That(await page.Locator("#legend-continents").IsVisibleAsync(), Is.False);
    }
}
