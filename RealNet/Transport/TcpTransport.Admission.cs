using System.Net.Sockets;
using GossipSim.Engine.Core;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.RealNet.Transport;

/// <summary>
/// Who gets in, and for how long: the accept loop and the incoming-connection limit, the checks on
/// a hello (its IP, and no second connection for a connected address), and the watchdog that
/// closes idle connections and those with a frame stuck half-way.
/// </summary>
public sealed partial class TcpTransport
{
    /// <summary>Null when the hello's IP is the one the connection comes from (or the check is off); otherwise why it is refused.</summary>
    internal string? CheckHelloIp(TcpConnection c, NodeAddress claimed)
    {
        if (!Options.CheckHelloIp || claimed.Ip == c.SocketIp) return null;
        return $"its hello claims {claimed}, but it connects from another IP ({c.SocketPeer})";
    }

    /// <summary>
    /// An incoming connection has named its sender. It joins the pool, unless a live connection
    /// with that address already exists: then it is refused (the reason is returned), so a second
    /// hello cannot speak for a connected node. Both sides dialling each other at the same time is
    /// normal, so a connection we opened counts only once it is older than the connect timeout:
    /// after that, the real node holds it (a node never dials a node it has a live connection
    /// with; see <see cref="OnClosed"/>), and a newcomer claiming that address is someone else.
    /// </summary>
    internal string? OnHello(TcpConnection c)
    {
        lock (_gate)
        {
            if (_pool.TryGetValue(c.Remote, out var existing) && !existing.IsClosed)
            {
                if (!existing.IsOutgoing)
                    return $"its hello claims {c.Remote}, which already has a live connection from {existing.SocketPeer}";
                long ageMs = existing.HelloDone ? Environment.TickCount64 - existing.ConnectedAtMs : 0;
                if (ageMs > (long)Options.ConnectTimeout.TotalMilliseconds)
                    return $"its hello claims {c.Remote}, to which this node has had a live connection for {ageMs / 1000.0:0.#} s";
            }
            else
            {
                _pool[c.Remote] = c;
            }
            _backoff.Remove(c.Remote); // it is up: no reason to wait before answering it
        }
        return null;
    }

    private async Task AcceptLoopAsync()
    {
        while (true)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptAsync(_shutdown.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException e)
            {
                if (_shutdown.IsCancellationRequested) return;
                // Out of file descriptors, most likely: say so (once a second) and give the
                // process a moment, instead of spinning on a failing accept.
                _limitLog.Line($"accept failed: {e.Message}");
                try { await Task.Delay(100, _shutdown.Token).ConfigureAwait(false); }
                catch (OperationCanceledException) { return; }
                continue;
            }
            Admit(socket);
        }
    }

    private void Admit(Socket socket)
    {
        TcpConnection connection;
        try
        {
            Configure(socket);
            connection = TcpConnection.Incoming(this, socket, Interlocked.Increment(ref _acceptSequence));
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            socket.Dispose(); // it went away between accept and now
            return;
        }
        TcpConnection? evicted = null;
        bool refused = false;
        lock (_gate)
        {
            if (Volatile.Read(ref _state) != Started) refused = true;
            else if (_incoming >= Options.MaxConnections)
            {
                // Make room by closing the oldest connection that has not said hello: an honest
                // node says hello at once, so only an idle or slow client can be the one to go.
                foreach (var c in _connections)
                    if (!c.IsOutgoing && !c.HelloDone && !c.IsClosed && (evicted == null || c.Sequence < evicted.Sequence)) evicted = c;
                refused = evicted == null;
            }
            if (!refused)
            {
                _connections.Add(connection);
                _incoming++;
            }
        }
        if (refused)
        {
            socket.Dispose();
            if (Volatile.Read(ref _state) != Started) return;
            Interlocked.Increment(ref _refusedConnections);
            _limitLog.Line($"connection limit ({Options.MaxConnections} incoming) reached and every connection has said hello: closed the "
                + $"new connection from {connection.SocketPeer}");
            return;
        }
        if (evicted != null)
        {
            Interlocked.Increment(ref _refusedConnections);
            _limitLog.Line($"connection limit ({Options.MaxConnections} incoming) reached: closed the oldest connection still waiting for "
                + $"its hello ({evicted.SocketPeer}) to admit {connection.SocketPeer}");
            evicted.Close();
        }
        connection.Start();
    }

    private static bool IsIdlePast(long idleMs, long limitMs) => limitMs > 0 && idleMs > limitMs;

    /// <summary>The watchdog: closes idle connections and those with a frame stuck half-way, forgets IPs whose handshakes are rested, and
    /// reports held-back log lines.</summary>
    private void Housekeeping()
    {
        long now = Environment.TickCount64;
        long idleMs = (long)Options.IdleTimeout.TotalMilliseconds, contactMs = Options.ContactIdleMs,
            frameMs = (long)Options.FrameTimeout.TotalMilliseconds;
        foreach (var c in Snapshot())
        {
            var (stalledMs, what, writing) = c.StalledFor(now);
            if (stalledMs > frameMs)
            {
                OnBadInput(c, what);
                c.Close();
                // A frame the other side did not take within the frame timeout: the send timed out, and what was queued is lost.
                if (writing) OnWriteTimedOut(c);
            }
            else if (c.HelloDone && IsIdlePast(c.IdleMs, IsKeptOpen(c.Remote) ? idleMs : contactMs))
            {
                c.Close();
            }
        }
        var rested = TimeSpan.FromMilliseconds(now);
        lock (_gate)
            foreach (var (ip, pacer) in _handshakePacers)
                if (pacer.IsRestedAt(rested)) _handshakePacers.Remove(ip);
        _badInputLog.Flush();
        _limitLog.Flush();
        _rateLog.Flush();
        _unsendableLog.Flush();
        _unreachableLog.Flush();
    }
}
