using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Trace;
using GossipSim.Dashboard.Events;
using GossipSim.Dashboard.Tests.Support;
using static GossipSim.Dashboard.Tests.Support.Trace;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Dashboard.Tests.Events;

/// <summary>The web server without a browser: the event stream, the controls, the page's files, the guards.</summary>
public class ServerTests
{
    private DashboardSession _session = null!;
    private DashboardServer _server = null!;
    private HttpClient _http = null!;

    [SetUp]
    public async Task Serve()
    {
        _session = new DashboardSession();
        _session.UseTimeline(new ReplayTimeline(Events()), TimeSpan.Zero, "replay", "unit", playing: false);
        _server = await DashboardServer.StartAsync(_session, 0);
        _http = new HttpClient { BaseAddress = _server.Url, Timeout = TimeSpan.FromSeconds(20) };
        _http.DefaultRequestHeaders.Add(DashboardToken.Header, _server.Token.Value);
    }

    private static IEnumerable<TraceEvent> Events()
    {
        var m = new MessageId(Peer(0), 1);
        return Start(0, 3, 3).Concat(Link(1, Peer(0), Peer(1))).Concat(Link(1, Peer(1), Peer(2)))
            .Append(E(2, TraceKind.GossipCreated, Peer(0), msg: m))
            .Append(Delivered(2.01, Peer(1), Peer(0), m, 2, 1))
            .Append(Delivered(2.02, Peer(2), Peer(1), m, 2, 2))
            .Append(E(8, TraceKind.CrashInjected, Peer(2), a: 1, detail: "peer"))
            .Append(E(20, TraceKind.RunEnded, default));
    }

    [TearDown]
    public async Task Stop()
    {
        _http.Dispose();
        await _session.DisposeAsync();
        await _server.DisposeAsync();
    }

    private async Task<JsonElement> NextFrame(StreamReader reader)
    {
        while (await reader.ReadLineAsync() is { } line)
            if (line.StartsWith("data: ", StringComparison.Ordinal)) return JsonDocument.Parse(line["data: ".Length..]).RootElement.Clone();
        throw new EndOfStreamException("the event stream closed");
    }

    private Task<HttpResponseMessage> Post(string path, string json)
    {
        var req = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        return _http.SendAsync(req);
    }

    /// <summary>The page's picture: nodes by key (id, state) and links, as the frames' changes build it.</summary>
    private sealed class Picture
    {
        public Dictionary<int, (string Id, string State)> Nodes { get; } = new();
        public HashSet<(int, int)> Links { get; } = new();

        public void Apply(JsonElement frame)
        {
            var g = frame.GetProperty("graph");
            if (g.TryGetProperty("full", out var full) && full.GetBoolean()) { Nodes.Clear(); Links.Clear(); }
            foreach (var n in g.GetProperty("nodes").EnumerateArray())
                Nodes[n.GetProperty("k").GetInt32()] = (n.GetProperty("id").GetString()!, n.GetProperty("st").GetString()!);
            foreach (var k in g.GetProperty("gone").EnumerateArray()) Nodes.Remove(k.GetInt32());
            foreach (var l in g.GetProperty("made").EnumerateArray()) Links.Add((l[0].GetInt32(), l[1].GetInt32()));
            foreach (var l in g.GetProperty("closed").EnumerateArray()) Links.Remove((l[0].GetInt32(), l[1].GetInt32()));
        }

        public string Show() => string.Join(", ", Nodes.OrderBy(n => n.Key).Select(n => $"{n.Value.Id} {n.Value.State}")) + "; " +
                                string.Join(" ", Links.Order().Select(l => $"{Nodes[l.Item1].Id}-{Nodes[l.Item2].Id}"));
    }

    [Test]
    public async Task TheEventStream_SendsTheWholePictureOnce_ThenItsChanges_AndASeekMovesTheReplay()
    {
        Assert.That(_server.Url.Host, Is.EqualTo("127.0.0.1"));
        using var response = await _http.GetAsync("/events", HttpCompletionOption.ResponseHeadersRead);
        Assert.That(response.Content.Headers.ContentType!.MediaType, Is.EqualTo("text/event-stream"));
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var first = await NextFrame(reader);
        Assert.That(first.GetProperty("mode").GetString(), Is.EqualTo("replay"));
        Assert.That(first.GetProperty("t").GetDouble(), Is.Zero);
        Assert.That(first.GetProperty("graph").GetProperty("full").GetBoolean(), Is.True, "a page that connects gets the whole picture");
        var picture = new Picture();
        picture.Apply(first);

        var seek = await Post("/api/control", "{\"action\":\"seek\",\"value\":9}");
        Assert.That(seek.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        JsonElement frame = first;
        for (int i = 0; i < 50 && frame.GetProperty("t").GetDouble() < 9; i++)
        {
            frame = await NextFrame(reader);
            Assert.That(frame.GetProperty("graph").TryGetProperty("full", out _), Is.False, "then only changes");
            picture.Apply(frame);
        }
        Assert.That(frame.GetProperty("t").GetDouble(), Is.EqualTo(9));
        Assert.That(picture.Nodes, Has.Count.EqualTo(6));
        Assert.That(picture.Nodes.Values.Single(n => n.Id == Peer(2).ToString()).State, Is.EqualTo("crashed"));
        Assert.That(picture.Links, Has.Count.EqualTo(2));

        // A second page connecting now starts from the whole picture the first one has built from changes.
        using var late = await _http.GetAsync("/events", HttpCompletionOption.ResponseHeadersRead);
        using var lateReader = new StreamReader(await late.Content.ReadAsStreamAsync());
        var lateFirst = await NextFrame(lateReader);
        Assert.That(lateFirst.GetProperty("graph").GetProperty("full").GetBoolean(), Is.True);
        var latePicture = new Picture();
        latePicture.Apply(lateFirst);
        Assert.That(latePicture.Show(), Is.EqualTo(picture.Show()));
        Assert.That(frame.GetProperty("counters").GetProperty("deliveries").GetInt32(), Is.EqualTo(2));
        Assert.That(frame.GetProperty("failures").GetArrayLength(), Is.EqualTo(1));
        Assert.That(frame.GetProperty("tEnd").GetDouble(), Is.EqualTo(20));

        var message = JsonDocument.Parse(await _http.GetStringAsync("/api/message?i=0")).RootElement;
        Assert.That(message.GetProperty("reached").GetInt32(), Is.EqualTo(2));
        var hops = message.GetProperty("hops").EnumerateArray().Select(h => (h[0].GetString(), h[1].GetString())).ToList();
        Assert.That(hops, Is.EqualTo(new[] { (Peer(0).ToString(), Peer(1).ToString()), (Peer(1).ToString(), Peer(2).ToString()) }));
    }

    [Test]
    public async Task APageTooSlowForItsFrames_GetsTheWholePictureAgain()
    {
        // A session of its own, not started: only this test's ticks make frames.
        await using var session = new DashboardSession();
        session.UseTimeline(new ReplayTimeline(Events()), TimeSpan.Zero, "replay", "unit", playing: false);
        var frames = session.Subscribe();
        for (int i = 0; i < 12; i++)
        {
            session.Control("seek", i); // each seek is a change: a frame every tick
            session.Tick();
        }
        var got = new List<JsonElement>();
        while (frames.Reader.TryRead(out var json)) got.Add(JsonDocument.Parse(json).RootElement.Clone());
        Assert.That(got, Has.Count.EqualTo(8), "the page's queue is full: later changes were not queued");
        Assert.That(got[0].GetProperty("graph").GetProperty("full").GetBoolean(), Is.True, "the first frame a page gets holds the whole picture");
        Assert.That(got.Skip(1).All(f => !f.GetProperty("graph").TryGetProperty("full", out _)), Is.True);

        session.Tick();
        Assert.That(frames.Reader.TryRead(out var next), Is.True);
        Assert.That(JsonDocument.Parse(next!).RootElement.GetProperty("graph").GetProperty("full").GetBoolean(), Is.True,
            "the changes it missed are replaced by the whole picture");
        session.Unsubscribe(frames);
    }

    [Test]
    public async Task Requests_FromAnotherHost_AreRefused()
    {
        var rebinding = new HttpRequestMessage(HttpMethod.Get, "/api/frame");
        rebinding.Headers.Host = "attacker.example";
        Assert.That((await _http.SendAsync(rebinding)).StatusCode, Is.EqualTo(HttpStatusCode.MisdirectedRequest));
        Assert.That((await Post("/api/control", "{\"action\":\"dance\"}")).StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var command = JsonDocument.Parse(await (await Post("/api/command", "{\"command\":\"list\"}")).Content.ReadAsStringAsync()).RootElement;
        Assert.That(command.GetProperty("lines")[0].GetString(), Does.StartWith("no manager: a replay cannot be changed"));
    }

    [Test]
    public async Task ThePage_IsServedFromTheAssembly_AndNeedsNothingFromTheInternet()
    {
        string html = await _http.GetStringAsync("/");
        Assert.That(html, Does.Contain("<div id=\"graph\""));
        foreach (var asset in new[] { "/app.js", "/graph.js", "/plots.js", "/style.css" })
        {
            var r = await _http.GetAsync(asset);
            Assert.That(r.StatusCode, Is.EqualTo(HttpStatusCode.OK), asset);
            string text = await r.Content.ReadAsStringAsync();
            Assert.That(text.Length, Is.GreaterThan(500), asset);
            // The only absolute URL allowed is the SVG namespace name, which is never fetched.
            var urls = Regex.Matches(text, @"https?://[^\s'""`)]+").Select(m => m.Value).Where(u => u != "http://www.w3.org/2000/svg");
            Assert.That(urls, Is.Empty, asset);
        }
        Assert.That(Regex.IsMatch(html, @"(src|href)\s*=\s*[""']https?:"), Is.False, "no CDN");
        string licences = await _http.GetStringAsync("/graph.LICENSES.txt");
        foreach (var library in new[] { "graphology 0.26.0", "sigma 3.0.3", "graphology-layout-forceatlas2 0.10.1" })
            Assert.That(licences, Does.Contain(library), "the bundle's libraries and their licences");
    }
}
