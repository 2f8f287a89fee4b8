using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;

namespace GossipSim.Dashboard.Tests.Browser;

public partial class DashboardBrowserTests
{
    /// <summary>
    /// The 10,000-peer replay of docs/dashboard-10k.json, 32.2 s in (the hub crashed at 26 s and
    /// suspected, not yet removed): the page draws every peer and every link, placed at once (no
    /// layout runs unasked on so large a picture), the crashed hub is drawn grey and labelled;
    /// "lay out" starts ForceAtlas2 and stops it again; a followed message turns every peer it
    /// reached green; played on, the frames carry only changes and the hub leaves the picture once
    /// the seeds remove it. Time to the first full render, the page's animation frames and renders
    /// per second at rest, while laid out and while the replay plays, and the bytes of the whole
    /// picture and of each change are measured and written to dashboard-10k-figures.txt (not
    /// asserted: the machine sets them).
    /// </summary>
    [Test]
    public async Task ATenThousandPeerReplay_DrawsEveryPeerAndLink_WithTheCrashAndAFollowedMessageVisible()
    {
        NeedChromium();
        string bin = TestContext.CurrentContext.TestDirectory;
        string results = Path.Combine(_dir, "dash10k");
        var sim = RunToEnd(Path.Combine(bin, "dashboard-10k.json"), "--trace", "on", "--logs", "off", "--out", results, "--quiet");
        Assert.That(sim, Is.Zero, "the 10,000-peer simulation: " + Output());
        string url = StartDashboard("replay", results, "--at", "32.2");

        await using var browserPage = await OpenBrowserPage(url, TimeSpan.FromMinutes(3));
        var page = browserPage.Page;
        var wait = browserPage.Wait;

        // Every peer the picture holds is in the drawn graph, every link too, and a render held them all.
        await page.WaitForFunctionAsync("() => gossipsim.frame && gossipsim.frame.t >= 32 && gossipsim.graph.firstFullRenderMs != null", null, wait);
        var drawn = await page.EvaluateAsync<JsonElement>(@"() => ({
            peers: gossipsim.graph.peers, links: gossipsim.graph.links,
            visible: gossipsim.frame.counters.visiblePeers, counted: gossipsim.frame.counters.links,
            inPicture: gossipsim.nodes().filter(n => !n.seed).length,
            firstFrame: gossipsim.graph.firstFrameMs, firstFull: gossipsim.graph.firstFullRenderMs, wholeBytes: gossipsim.stream.wholeBytes[0] })");
        Assert.That(drawn.GetProperty("visible").GetInt32(), Is.EqualTo(10_000), "at 32.2 s every peer is up or crashed, none removed yet");
        Assert.That(drawn.GetProperty("inPicture").GetInt32(), Is.EqualTo(10_000), "the whole picture holds every peer");
        Assert.That(drawn.GetProperty("peers").GetInt32(), Is.EqualTo(10_000), "every peer drawn");
        Assert.That(drawn.GetProperty("links").GetInt32(), Is.EqualTo(drawn.GetProperty("counted").GetInt32()), "every link drawn");

        // The page's animation frames, its renders and the layout's iterations, counted until the replay reaches
        // untilT, or for a number of renders, or until the layout stops, or for seconds (whichever the arguments name; at most the seconds).
        const string Rate = @"({ untilT, renders, whileLaidOut, seconds }) => new Promise(done => {
            const g = gossipsim.graph, r0 = g.renders, i0 = g.layoutIterations, c0 = g.cost, t0 = performance.now(); let ticks = 0;
            const going = () => (performance.now() - t0) / 1000 < seconds
                && (untilT == null || gossipsim.frame.t < untilT) && (renders == null || g.renders < r0 + renders) && (!whileLaidOut || g.layoutRunning);
            const count = () => { ticks++;
                if (going()) { requestAnimationFrame(count); return; }
                const c = g.cost;
                done({ renders: g.renders - r0, iterations: g.layoutIterations - i0, seconds: (performance.now() - t0) / 1000, animationFrames: ticks,
                       changes: c.changes - c0.changes, reindexes: c.reindexes - c0.reindexes }); };
            requestAnimationFrame(count); })";

        // At rest (paused, no layout asked for): nothing to redraw, the page is free.
        Assert.That(await page.EvaluateAsync<bool>("() => gossipsim.graph.layoutRunning"), Is.False, "a 10,000-peer picture is placed, not laid out unasked");
        var rest = await page.EvaluateAsync<JsonElement>(Rate, new { seconds = 3 });

        // "lay out" runs ForceAtlas2 in its worker, the picture redrawn as it moves (for 5 renders or 30 s), until pressed again.
        await page.Locator("#layout").ClickAsync();
        await page.WaitForFunctionAsync("() => gossipsim.graph.layoutRunning && document.getElementById('layout').textContent === 'stop layout'", null, wait);
        var layout = await page.EvaluateAsync<JsonElement>(Rate, new { renders = 5, whileLaidOut = true, seconds = 30 });
        Assert.That(layout.GetProperty("iterations").GetInt32(), Is.GreaterThan(0), "the layout ran");
        if (await page.EvaluateAsync<bool>("() => gossipsim.graph.layoutRunning")) await page.Locator("#layout").ClickAsync(); // else it settled by itself
        await page.WaitForFunctionAsync("() => !gossipsim.graph.layoutRunning && document.getElementById('layout').textContent === 'lay out'", null, wait);

        // The crashed hub: grey, labelled with its crash and suspicion.
        string hub = await page.EvaluateAsync<string>("() => gossipsim.nodes().find(n => !n.seed && n.st === 'crashed').id");
        var hubDrawn = await page.EvaluateAsync<JsonElement>("a => gossipsim.graph.node(a)", hub);
        Assert.That(hubDrawn.GetProperty("color").GetString(), Is.EqualTo("#9ca3af"));
        Assert.That(hubDrawn.GetProperty("label").GetString(), Does.StartWith("✕").And.Contain("crashed 26.00 s").And.Contain("suspected"));

        // Follow the last message created after the crash that reached nearly everyone: every peer it reached turns green.
        await FollowLastMessage(page, "m => m.t > 26 && m.reached > 9000", wait);

        // The screenshot (docs/img/dashboard-10k-replay.png is one).
        await Screenshot(page, "dashboard-10k-replay.png", "the 10,000-peer replay at 32.2 s, every peer drawn, the crashed hub suspected, one message followed", atRest: true);

        // Played on at 1x: each frame carries only its change; the hub's removal (33.16 s) takes it out of the picture.
        await page.EvaluateAsync("() => gossipsim.follow(null)");
        int before = await page.EvaluateAsync<int>("() => gossipsim.stream.changeBytes.length");
        var playing = page.EvaluateAsync<JsonElement>(Rate, new { untilT = 34, seconds = 180 });
        await page.Locator("#play").ClickAsync();
        await page.WaitForFunctionAsync("a => gossipsim.frame.t >= 34 && !gossipsim.graph.has(a)", hub, wait);
        var played = await playing;
        // Paused, once the view has made every change received and shown the last links made or closed as such: the drawn picture is the frame's.
        await page.Locator("#play").ClickAsync();
        await page.WaitForFunctionAsync("() => !gossipsim.frame.playing && gossipsim.graph.pending === 0 && gossipsim.graph.changing === 0", null, wait);
        var sizes = await page.EvaluateAsync<int[]>("n => gossipsim.stream.changeBytes.slice(n)", before);
        Assert.That(sizes, Is.Not.Empty, "frames came while playing");
        Assert.That(await page.EvaluateAsync<int>("() => gossipsim.stream.wholeBytes.length"), Is.EqualTo(1), "the whole picture was sent once");
        Assert.That(await page.EvaluateAsync<int>("() => gossipsim.graph.peers"), Is.EqualTo(9_999), "the removed hub is no longer drawn");
        Assert.That(await page.EvaluateAsync<int>("() => gossipsim.graph.links"), Is.EqualTo(await page.EvaluateAsync<int>("() => gossipsim.frame.counters.links")), "its links went with it");

        double Per(JsonElement r, string what) => r.GetProperty(what).GetDouble() / r.GetProperty("seconds").GetDouble();
        var sorted = sizes.Order().ToArray();
        string figures = string.Create(CultureInfo.InvariantCulture,
            $"peers drawn {drawn.GetProperty("peers").GetInt32()}, links drawn {drawn.GetProperty("links").GetInt32()}; " +
            $"first frame (the whole picture, {drawn.GetProperty("wholeBytes").GetInt32() / 1024.0:F0} KiB) {drawn.GetProperty("firstFrame").GetDouble():F0} ms and first render of every peer {drawn.GetProperty("firstFull").GetDouble():F0} ms after navigation; " +
            $"at rest: {Per(rest, "animationFrames"):F1} animation frames/s, {Per(rest, "renders"):F1} renders/s over {rest.GetProperty("seconds").GetDouble():F1} s; " +
            $"while laid out: {Per(layout, "renders"):F1} renders/s, {Per(layout, "animationFrames"):F1} animation frames/s, {Per(layout, "iterations"):F1} layout iterations/s over {layout.GetProperty("seconds").GetDouble():F1} s; " +
            $"playing 32.2 s to 34 s at 1x: {sizes.Length} change frames of median {sorted[sorted.Length / 2] / 1024.0:F1} KiB, largest {sorted[^1] / 1024.0:F1} KiB, made in {played.GetProperty("reindexes").GetInt32()} re-indexings; " +
            $"{Per(played, "renders"):F1} renders/s, {Per(played, "animationFrames"):F1} animation frames/s over {played.GetProperty("seconds").GetDouble():F1} s");
        File.WriteAllText(Path.Combine(TestContext.CurrentContext.WorkDirectory, "dashboard-10k-figures.txt"), figures + "\n");
        TestContext.Out.WriteLine(figures);
        browserPage.AssertNoScriptErrors();
    }

    /// <summary>Runs the Scenarios command with <paramref name="args"/> to its end (killed if it outlives the test's patience); its exit code.</summary>
    private int RunToEnd(params string[] args)
    {
        _run = StartScenarios(args);
        if (!_run.WaitForExit(TimeSpan.FromMinutes(5))) Assert.Fail("the simulation did not end within 5 minutes: " + Output());
        _run.WaitForExit();
        return _run.ExitCode;
    }
}
