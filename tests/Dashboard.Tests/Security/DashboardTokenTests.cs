using System.Net;
using System.Net.Sockets;
using System.Text;
using GossipSim.Dashboard.Tests.Support;
using GossipSim.RealNet.Endpoints;

namespace GossipSim.Dashboard.Tests.Security;

/// <summary>
/// Another user of the machine reached 127.0.0.1 and ran manager commands through
/// the dashboard. Now every request but the page's own files needs the dashboard's token, which
/// only the operator has (the printed address, a file of mode 600): through real sockets, a
/// command without it is refused and reaches no node; with it, it is done. And a flood of idle
/// connections holds a bounded number of places, without cutting the page's event stream.
/// </summary>
public class DashboardTokenTests
{
    private string _dir = "";
    private FakeLiveRun _run = null!;
    private DashboardSession _session = null!;
    private DashboardServer _server = null!;

    [SetUp]
    public async Task Serve()
    {
        _dir = Path.Combine(TestContext.CurrentContext.WorkDirectory, "token", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_dir);
        _run = new FakeLiveRun(_dir) { TimeOrigin = TimeSpan.Zero };
        _session = new DashboardSession();
        _session.UseRealRun(_run);
        _server = await DashboardServer.StartAsync(_session, 0, tokenDirectory: _dir);
    }

    [TearDown]
    public async Task Stop()
    {
        await _session.DisposeAsync();
        await _server.DisposeAsync();
    }

    private HttpClient Client(string? token)
    {
        var http = new HttpClient { BaseAddress = _server.Url, Timeout = TimeSpan.FromSeconds(30) };
        if (token != null) http.DefaultRequestHeaders.Add(DashboardToken.Header, token);
        return http;
    }

    private static Task<HttpResponseMessage> PostCommand(HttpClient http, string path, string json) =>
        http.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));

    private IEnumerable<string> Kills => _run.Lines.Where(l => l.StartsWith("kill", StringComparison.Ordinal));

    [Test]
    public async Task ACommandWithoutTheToken_IsRefused_AndReachesNoNode_WithTheTokenItIsDone()
    {
        using var stranger = Client(null);
        var refused = await PostCommand(stranger, "/api/command", "{\"command\":\"kill\",\"target\":\"hub\"}");
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(await refused.Content.ReadAsStringAsync(), Does.Contain("needs its token"));

        string wrong = new('A', _server.Token.Value.Length);
        using var guesser = Client(wrong);
        Assert.That((await PostCommand(guesser, "/api/command", "{\"command\":\"kill\",\"target\":\"hub\"}")).StatusCode,
            Is.EqualTo(HttpStatusCode.Forbidden), "a wrong token of the right length");
        // The query carries the token only for reads: a cross-site form that somehow knew the address could not post with it.
        Assert.That((await PostCommand(stranger, $"/api/command?token={_server.Token.Value}", "{\"command\":\"kill\",\"target\":\"hub\"}")).StatusCode,
            Is.EqualTo(HttpStatusCode.Forbidden), "a POST with the token in its query only");
        Assert.That((await PostCommand(stranger, "/api/control", "{\"action\":\"pause\"}")).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(Kills, Is.Empty, "no refused command reached the run");

        using var operatorClient = Client(_server.Token.Value);
        var done = await PostCommand(operatorClient, "/api/command", "{\"command\":\"kill\",\"target\":\"hub\"}");
        Assert.That(done.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await done.Content.ReadAsStringAsync(), Does.Contain("ok kill hub"));
        Assert.That(Kills, Is.EqualTo(new[] { "kill hub" }));
    }

    [Test]
    public async Task TheLiveView_NeedsTheToken_ThePagesOwnFilesDoNot()
    {
        using var stranger = Client(null);
        foreach (var path in new[] { "/events", "/api/frame", "/api/manager", "/api/message?i=0" })
            Assert.That((await stranger.GetAsync(path, HttpCompletionOption.ResponseHeadersRead)).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), path);
        foreach (var path in new[] { "/", "/app.js", "/style.css" })
            Assert.That((await stranger.GetAsync(path)).StatusCode, Is.EqualTo(HttpStatusCode.OK), path);
        // The page's event stream sends the token in its query (an EventSource cannot set a header).
        using var stream = await stranger.GetAsync($"/events?token={_server.Token.Value}", HttpCompletionOption.ResponseHeadersRead);
        Assert.That(stream.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(_server.PageUrl.Query, Is.EqualTo("?token=" + _server.Token.Value), "the address the operator opens carries it");
        string page = await stranger.GetStringAsync("/app.js");
        Assert.That(page, Does.Contain(DashboardToken.Header).And.Contain("/events?token="), "the page sends it");
    }

    [Test]
    [Platform(Exclude = "Win")]
    public async Task TheTokenFile_IsReadableByItsOwnerOnly_AndGoesWithTheDashboard()
    {
        string file = _server.Token.File!;
        Assert.That(file, Is.Not.Null, _server.Token.FileProblem);
        Assert.That(Path.GetDirectoryName(file), Is.EqualTo(_dir));
        Assert.That(File.ReadAllText(file).Trim(), Is.EqualTo(_server.Token.Value));
        if (OperatingSystem.IsWindows()) return;
        Assert.That(File.GetUnixFileMode(file), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
        await _server.DisposeAsync();
        Assert.That(File.Exists(file), Is.False, "removed when the dashboard stops");
    }

    [Test]
    public async Task IdleConnections_HoldABoundedNumberOfPlaces_AndThePagesStreamAndRequestsGoOn()
    {
        int cap = EndpointLimits.Dashboard.MaxConnections;
        using var page = Client(_server.Token.Value);
        using var stream = await page.GetAsync("/events", HttpCompletionOption.ResponseHeadersRead);
        using var frames = new StreamReader(await stream.Content.ReadAsStreamAsync());
        Assert.That(await frames.ReadLineAsync(), Does.StartWith("retry:"));

        var idle = new List<Socket>();
        try
        {
            for (int i = 0; i < 4 * cap; i++)
            {
                var s = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                await s.ConnectAsync(new IPEndPoint(IPAddress.Loopback, _server.Url.Port));
                idle.Add(s);
            }
            // Each idle connection past the cap closed an older idle one: at most cap - 1 of them (the stream holds a place) stay open.
            var closed = await Task.WhenAll(idle.Select(s => ClosedAsync(s, TimeSpan.FromSeconds(3))));
            int open = closed.Count(c => !c);
            TestContext.Out.WriteLine($"{idle.Count} idle connections: {open} held, {idle.Count - open} closed to make room; the gate holds {_server.Gate.Count}");
            Assert.That(open, Is.LessThan(cap), "at most the cap, less the page's stream");
            Assert.That((await page.GetAsync("/api/frame")).StatusCode, Is.EqualTo(HttpStatusCode.OK), "the page's next request gets in");
            Assert.That((await PostCommand(page, "/api/command", "{\"command\":\"list\"}")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            Assert.That(await frames.ReadLineAsync(wait.Token), Is.Not.Null, "the page's event stream is still open");
        }
        finally
        {
            foreach (var s in idle) s.Dispose();
        }
    }

    /// <summary>True when the server has closed the connection (a read returns 0 or is reset) within the time.</summary>
    private static async Task<bool> ClosedAsync(Socket s, TimeSpan within)
    {
        using var cts = new CancellationTokenSource(within);
        try
        {
            return await s.ReceiveAsync(new byte[64], SocketFlags.None, cts.Token) == 0;
        }
        catch (OperationCanceledException) { return false; }
        catch (SocketException) { return true; }
    }
}
