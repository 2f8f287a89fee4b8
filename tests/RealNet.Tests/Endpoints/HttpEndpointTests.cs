using System.Net.Sockets;
using System.Text;
using GossipSim.Engine.Core;
using GossipSim.RealNet.Endpoints;
using GossipSim.RealNet.Tests.Support;
using GossipSim.TestSupport;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.RealNet.Tests.Endpoints;

/// <summary>
/// The endpoint /metrics is served on, through real sockets on loopback: idle connections from
/// one source never take more than its share, another source still gets in, slow and oversized
/// requests are closed, and an honest GET is answered through it all.
/// </summary>
public class HttpEndpointTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private static readonly NodeAddress Any127 = new(0x7F000001, 0); // 127.0.0.1, port 0: the OS picks

    private static HttpEndpoint Serve(EndpointLimits limits) => HttpEndpoint.Start(Any127, limits,
        (path, _) => Task.FromResult(path == "/metrics" ? HttpEndpoint.Text(200, "up 1\n") : HttpEndpoint.Text(404, "no\n")));

    [Test]
    public async Task IdleConnectionsFromOneSource_HoldOnlyItsShare_AndOthersStillGetIn()
    {
        using var endpoint = Serve(new EndpointLimits { MaxConnections = 8, MaxConnectionsPerSource = 4, IdleTimeout = TimeSpan.FromMinutes(5) });
        var flooder = new List<RawClient>();
        var other = new List<RawClient>();
        try
        {
            for (int i = 0; i < 40; i++) flooder.Add(await RawClient.ConnectAsync(endpoint.Address, fromIp: "127.0.0.2"));
            // A connect completes in the kernel before the endpoint accepts it: wait until the endpoint has decided all 40 (each one
            // over the 4 closes an older one, or is refused) before looking at which are closed, not for a fixed time.
            await Eventually.HoldsAsync(() => endpoint.Gate.ClosedForRoom + endpoint.Gate.Refused >= 36,
                $"the endpoint decides every connection ({endpoint.Gate.ClosedForRoom} closed for room, {endpoint.Gate.Refused} refused so far)", Patience);
            // 36 closed to make room for the source's newer ones: it keeps 4, however many it opens.
            var closed = await Task.WhenAll(flooder.Select(c => c.ClosedWithinAsync(TimeSpan.FromSeconds(5))));
            Assert.That(closed.Count(c => !c), Is.EqualTo(4), "the flooding source keeps its 4 newest connections");
            Assert.That(closed.TakeLast(4), Has.All.False, "and they are its newest");

            for (int i = 0; i < 4; i++) other.Add(await RawClient.ConnectAsync(endpoint.Address, fromIp: "127.0.0.3"));
            await Eventually.HoldsAsync(() => endpoint.Gate.Count == 8, "another source takes the other 4 places", Patience);
            Assert.That(await Task.WhenAll(other.Select(c => c.ClosedWithinAsync(TimeSpan.FromSeconds(1)))), Has.All.False,
                "the other source's connections stay open");

            // A third source asks while all 8 places are held by idle connections: the oldest idle one makes room.
            Assert.That(await GetAsync(endpoint.Address, "/metrics", "127.0.0.4"), Does.StartWith("HTTP/1.1 200 OK").And.EndWith("up 1\n"));
            Assert.That(endpoint.Gate.Count, Is.LessThanOrEqualTo(8));
        }
        finally
        {
            foreach (var c in flooder.Concat(other)) c.Dispose();
        }
    }

    [Test]
    public async Task ARequestDribbledByteByByte_IsClosedAtTheIdleTimeout_Unanswered()
    {
        using var endpoint = Serve(new EndpointLimits { IdleTimeout = TimeSpan.FromSeconds(1) });
        using var slow = await RawClient.ConnectAsync(endpoint.Address);
        // A byte every 100 ms: always sending, never finishing its request.
        using var stop = new CancellationTokenSource();
        var dribble = Task.Run(async () =>
        {
            byte[] head = Encoding.ASCII.GetBytes("GET /metrics HTTP/1.1\r\nX-Padding: " + new string('a', 10_000));
            try
            {
                foreach (byte b in head)
                {
                    await slow.WriteAsync([b]);
                    await Task.Delay(100, stop.Token);
                }
            }
            catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException) { }
        });
        bool closed = await slow.ClosedWithinAsync(Patience);
        stop.Cancel();
        await dribble;
        Assert.That(closed, Is.True, "the endpoint closed the connection that never finished its request");
        await Eventually.HoldsAsync(() => endpoint.Gate.Count == 0, "its place is given back", Patience);
    }

    [Test]
    public async Task AnOversizedHead_Is431_AnUnknownPath404_AndAPostWithABody405()
    {
        using var endpoint = Serve(new EndpointLimits { MaxRequestBytes = 1024 });
        string answer = await GetAsync(endpoint.Address, "/metrics", null, padding: 2000);
        Assert.That(answer, Does.StartWith("HTTP/1.1 431 "));
        Assert.That(await GetAsync(endpoint.Address, "/nothing", null), Does.StartWith("HTTP/1.1 404 "));
        Assert.That(await RawAsync(endpoint.Address, "POST /metrics HTTP/1.1\r\nContent-Length: 5\r\n\r\nhello"), Does.StartWith("HTTP/1.1 405 "));
    }

    private static Task<string> GetAsync(NodeAddress at, string path, string? fromIp, int padding = 0) =>
        RawAsync(at, $"GET {path} HTTP/1.1\r\nHost: x\r\n" + (padding > 0 ? $"X-Padding: {new string('a', padding)}\r\n" : "") + "\r\n", fromIp);

    /// <summary>Sends a request on a connection of its own; everything the endpoint answers before it closes.</summary>
    private static async Task<string> RawAsync(NodeAddress at, string request, string? fromIp = null)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        if (fromIp != null) socket.Bind(new System.Net.IPEndPoint(System.Net.IPAddress.Parse(fromIp), 0));
        using var cts = new CancellationTokenSource(Patience);
        await socket.ConnectAsync(at.ToEndPoint(), cts.Token);
        await socket.SendAsync(Encoding.ASCII.GetBytes(request), SocketFlags.None, cts.Token);
        var answer = new MemoryStream();
        var buffer = new byte[4096];
        try
        {
            int n;
            while ((n = await socket.ReceiveAsync(buffer, SocketFlags.None, cts.Token)) > 0) answer.Write(buffer, 0, n);
        }
        catch (SocketException) { } // reset after the answer: it did not read the rest of a large request
        return Encoding.ASCII.GetString(answer.ToArray());
    }
}
