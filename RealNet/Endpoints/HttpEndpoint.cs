using System.Net;
using System.Net.Sockets;
using System.Text;
using GossipSim.Engine.Core;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.RealNet.Endpoints;

/// <summary>
/// A read-only HTTP/1.1 endpoint on a socket of its own, for what a node serves besides gossip
/// (/metrics). Every connection passes a <see cref="ConnectionGate"/>; it must send its request
/// head (no body) within the idle timeout, is answered once and closed (<c>Connection: close</c>),
/// and must take its answer within the idle timeout too. So however many connections a client
/// opens, the process holds at most <see cref="EndpointLimits.MaxConnections"/> of them, for a
/// few seconds each.
/// </summary>
public sealed class HttpEndpoint : IDisposable
{
    /// <summary>An answer: status, content type and body.</summary>
    public readonly record struct Answer(int Status, string ContentType, byte[] Body);

    /// <summary>Answers a GET (or HEAD) of a path; the token ends with the connection's deadline.</summary>
    public delegate Task<Answer> Handler(string path, CancellationToken cancel);

    private readonly Socket _listener;
    private readonly Handler _handler;
    private readonly LogThrottle _limitLog;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _acceptLoop;

    private HttpEndpoint(Socket listener, EndpointLimits limits, Handler handler, Action<string> log)
    {
        _listener = listener;
        _handler = handler;
        Gate = new ConnectionGate(limits);
        _limitLog = new LogThrottle(log, burst: 1, "lines about the endpoint's connections", static () => Environment.TickCount64);
        var bound = (IPEndPoint)listener.LocalEndPoint!;
        Address = NodeAddress.FromIp(bound.Address, bound.Port);
        _acceptLoop = Task.Run(AcceptLoopAsync);
    }

    /// <summary>The address bound (the port the OS chose for port 0).</summary>
    public NodeAddress Address { get; }

    public ConnectionGate Gate { get; }

    /// <summary>Binds <paramref name="at"/> (IP 0: every interface; port 0: the OS picks) and serves; throws
    /// <see cref="SocketException"/> when it cannot bind.</summary>
    public static HttpEndpoint Start(NodeAddress at, EndpointLimits limits, Handler handler, Action<string>? log = null)
    {
        limits.Validate();
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.Bind(at.ToEndPoint());
            socket.Listen(64);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
        return new HttpEndpoint(socket, limits, handler, log ?? (_ => { }));
    }

    private async Task AcceptLoopAsync()
    {
        while (true)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException e)
            {
                if (_stop.IsCancellationRequested) return;
                // Out of descriptors (something else took them): say so once a second, and wait instead of spinning.
                _limitLog.Line($"{Address}: accept failed: {e.Message}");
                try { await Task.Delay(100, _stop.Token).ConfigureAwait(false); }
                catch (OperationCanceledException) { return; }
                continue;
            }
            Admit(socket);
        }
    }

    private void Admit(Socket socket)
    {
        IPAddress? source;
        try { source = (socket.RemoteEndPoint as IPEndPoint)?.Address; }
        catch (Exception e) when (e is SocketException or ObjectDisposedException) { source = null; }
        var deadline = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        long closedBefore = Gate.ClosedForRoom;
        var admission = Gate.TryAdmit(source, () =>
        {
            try { deadline.Cancel(); }
            catch (ObjectDisposedException) { } // it had ended anyway
        });
        if (admission == null)
        {
            _limitLog.Line($"{Address}: connection limit ({Gate.Limits.MaxConnections}, {Gate.Limits.MaxConnectionsPerSource} per source) "
                + $"reached and every connection is being answered: closed the new connection from {source}");
            deadline.Dispose();
            socket.Dispose();
            return;
        }
        if (Gate.ClosedForRoom > closedBefore)
            _limitLog.Line($"{Address}: connection limit ({Gate.Limits.MaxConnections}, {Gate.Limits.MaxConnectionsPerSource} per source) "
                + $"reached: closed the oldest connection that had sent no request, to admit one from {source}");
        // The descriptor goes the moment the connection is closed to make room or runs out of time, not when its task next runs: on
        // a busy machine that can be seconds later, and the gate has already given its place to another.
        deadline.Token.Register(static s => ((Socket)s!).Dispose(), socket);
        deadline.CancelAfter(Gate.Limits.IdleTimeout);
        _ = ServeAsync(socket, admission, deadline);
    }

    private async Task ServeAsync(Socket socket, Admission admission, CancellationTokenSource deadline)
    {
        try
        {
            var head = await ReadHeadAsync(socket, Gate.Limits.MaxRequestBytes, deadline.Token).ConfigureAwait(false);
            if (head == null) return; // it went away
            admission.Answering();
            var (answer, isHead) = await AnswerAsync(head, deadline.Token).ConfigureAwait(false);
            await WriteAsync(socket, answer, isHead, deadline.Token).ConfigureAwait(false);
            socket.Shutdown(SocketShutdown.Send);
            admission.Waiting(); // answered: a client that does not close now can be closed to make room
            // Read what is left of the request until the client closes (within the deadline): closing with
            // unread bytes would reset the connection, and the client could lose the answer.
            var rest = new byte[1024];
            for (int read = 0; read < Gate.Limits.MaxRequestBytes;)
            {
                int got = await socket.ReceiveAsync(rest, SocketFlags.None, deadline.Token).ConfigureAwait(false);
                if (got == 0) break;
                read += got;
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Its deadline passed, it made room for another, it went away, or the endpoint stopped: it is closed below.
        }
        finally
        {
            admission.Dispose();
            socket.Dispose();
            deadline.Dispose();
        }
    }

    /// <summary>The request line and headers as text, or null if the client closed first; "" when they exceed the limit.</summary>
    private static async Task<string?> ReadHeadAsync(Socket socket, int maxBytes, CancellationToken cancel)
    {
        var buffer = new byte[maxBytes];
        int length = 0;
        while (true)
        {
            if (length == buffer.Length) return "";
            int got = await socket.ReceiveAsync(buffer.AsMemory(length), SocketFlags.None, cancel).ConfigureAwait(false);
            if (got == 0) return null;
            int scanFrom = Math.Max(0, length - 3);
            length += got;
            int end = buffer.AsSpan(scanFrom, length - scanFrom).IndexOf("\r\n\r\n"u8);
            if (end >= 0) return Encoding.ASCII.GetString(buffer, 0, scanFrom + end);
        }
    }

    private async Task<(Answer Answer, bool IsHead)> AnswerAsync(string head, CancellationToken cancel)
    {
        if (head.Length == 0) return (Text(431, "request header fields too large\n"), false);
        string line = head.Split("\r\n", 2)[0];
        string[] parts = line.Split(' ');
        if (parts.Length != 3 || !parts[2].StartsWith("HTTP/1.", StringComparison.Ordinal)) return (Text(400, "bad request\n"), false);
        bool isHead = parts[0] == "HEAD";
        if (parts[0] != "GET" && !isHead) return (Text(405, "only GET and HEAD\n"), false);
        if (HasBody(head)) return (Text(413, "a request here has no body\n"), false);
        string path = parts[1].Split('?', 2)[0];
        try
        {
            return (await _handler(path, cancel).ConfigureAwait(false), isHead);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The page could not be made (a bug, not the client's doing): say so once a second, answer 500, keep serving.
            _limitLog.Line($"{Address}: could not answer GET {path}: {e.GetType().Name}: {e.Message}");
            return (Text(500, "the page could not be made; see the node's log\n"), isHead);
        }
    }

    private static bool HasBody(string head)
    {
        foreach (string h in head.Split("\r\n").Skip(1))
        {
            if (h.StartsWith("Transfer-Encoding:", StringComparison.OrdinalIgnoreCase)) return true;
            if (h.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase) && h["Content-Length:".Length..].Trim() != "0") return true;
        }
        return false;
    }

    public static Answer Text(int status, string text) => new(status, "text/plain; charset=utf-8", Encoding.UTF8.GetBytes(text));

    private static async Task WriteAsync(Socket socket, Answer answer, bool isHead, CancellationToken cancel)
    {
        string reason = answer.Status switch
        {
            200 => "OK", 400 => "Bad Request", 404 => "Not Found", 405 => "Method Not Allowed", 413 => "Content Too Large",
            431 => "Request Header Fields Too Large", 500 => "Internal Server Error", _ => "Error",
        };
        string head = $"HTTP/1.1 {answer.Status} {reason}\r\nContent-Type: {answer.ContentType}\r\nContent-Length: {answer.Body.Length}\r\n"
            + (answer.Status == 405 ? "Allow: GET, HEAD\r\n" : "") + "Cache-Control: no-store\r\nConnection: close\r\n\r\n";
        byte[] bytes = [.. Encoding.ASCII.GetBytes(head), .. isHead ? [] : answer.Body];
        for (int sent = 0; sent < bytes.Length;)
            sent += await socket.SendAsync(bytes.AsMemory(sent), SocketFlags.None, cancel).ConfigureAwait(false);
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Dispose();
        try { _acceptLoop.Wait(TimeSpan.FromSeconds(2)); }
        catch (AggregateException) { }
        // _stop stays undisposed: connections still being closed link their deadlines to it.
    }
}
