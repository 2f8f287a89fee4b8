using GossipSim.Engine.Core;
using GossipSim.Engine.Membership;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Trust;
using GossipSim.RealNet.Transport;
using GossipSim.TestSupport;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.RealNet.Tests.Support;

/// <summary>
/// A scripted peer on the real transport: it speaks the protocol correctly (answers pings and link
/// requests, so it is never wrongly suspected, and seeds' dial-backs) but does only what a test tells it to: register,
/// lie in dead-node reports, flood. Everything it receives is kept in <see cref="Inbox"/>.
/// </summary>
public sealed class ProbePeer : IAsyncDisposable
{
    private readonly TcpTransport _transport;

    private ProbePeer(TcpTransport transport, long incarnation)
    {
        _transport = transport;
        Incarnation = incarnation;
    }

    public NodeAddress Address => _transport.LocalAddress;

    /// <summary>Addresses its pongs carry (made up): a fake neighbour that tries to make its pinger store them.</summary>
    public int PongSampleSize { get; set; }
    public long Incarnation { get; }

    /// <summary>What it gave its transport to send that never reached a socket (its send queue was full).</summary>
    public long Dropped => _transport.Dropped;
    public Inbox Inbox { get; } = new();

    /// <summary>Whether it answers the seeds' pings (false: a member that said goodbye but goes on speaking to peers, so the seeds' probes remove it).</summary>
    public bool AnswersSeeds { get; set; } = true;

    /// <summary>The seeds whose pings it leaves unanswered when <see cref="AnswersSeeds"/> is false.</summary>
    private HashSet<NodeAddress> _seeds = new();

    /// <summary>The membership certificate the last seed that accepted it handed over (none before): what it shows with its links.</summary>
    public MembershipCertificate Certificate { get; private set; }

    /// <param name="listen">Where it listens (default <see cref="Loopback.AnyPort"/>): another loopback IP is another host.</param>
    /// <param name="options">Its transport's options (the cluster key); default: plaintext.</param>
    public static ProbePeer Start(long incarnation, NodeAddress? listen = null, TcpTransportOptions? options = null)
    {
        var transport = TcpTransport.Listen(listen ?? Loopback.AnyPort, options);
        var probe = new ProbePeer(transport, incarnation);
        transport.Start(probe.OnMessage);
        return probe;
    }

    private void OnMessage(NodeAddress from, Message message, int wireBytes)
    {
        Inbox.Add(from, message, wireBytes);
        switch (message)
        {
            case Ping p when AnswersSeeds || !_seeds.Contains(from): _transport.Send(from, new Pong(p.Nonce, Incarnation, MadeUpSample())); break;
            case RegisterReply { Accepted: true } r when !r.Certificate.IsNone: Certificate = r.Certificate; break;
            case LinkRequest: _transport.Send(from, new LinkReply(true, Incarnation, Certificate)); break;
            case DialBackChallenge c: _transport.Send(c.Seed, new DialBackAnswer(c.Nonce)); break; // it listens where it registers
        }
    }

    public void Send(NodeAddress to, Message message) => _transport.Send(to, message);

    /// <summary>Its own signature on a gossip message, as a real origin makes it (its key signs whatever number and time the test chooses).</summary>
    public byte[] SignGossip(MessageId id, TimeSpan createdAt) => _transport.Identity.Sign(GossipSim.RealNet.Security.PeerIdentity.GossipBytes(id, createdAt));

    private NodeAddress[] MadeUpSample() =>
        Enumerable.Range(0, PongSampleSize).Select(i => new NodeAddress(Address.Ip, (ushort)(1 + i))).ToArray();

    /// <summary>Asks each of <paramref name="seeds"/> to register it; returns once each has answered yes. It asks again every few
    /// seconds those that have not answered, as a real peer's register timeout does: a request sent once can be lost with its
    /// connection (a local CI's run: no seed had answered in 90 s; why that request went unanswered was not traced).</summary>
    public async Task RegisterAsync(IReadOnlyCollection<NodeAddress> seeds, TimeSpan patience)
    {
        _seeds = seeds.ToHashSet();
        bool Accepted(NodeAddress s) => Inbox.Snapshot().Any(r => r.From == s && r.Message is RegisterReply { Accepted: true });
        var asked = System.Diagnostics.Stopwatch.StartNew();
        int rounds = 0;
        foreach (var s in seeds) Send(s, new RegisterRequest(Incarnation));
        await Eventually.HoldsAsync(() =>
            {
                if (seeds.All(Accepted)) return Task.FromResult(true);
                if (asked.Elapsed > TimeSpan.FromSeconds(5))
                {
                    foreach (var s in seeds.Where(s => !Accepted(s))) Send(s, new RegisterRequest(Incarnation));
                    asked.Restart();
                    rounds++;
                }
                return Task.FromResult(false);
            },
            $"seeds {string.Join(", ", seeds)} accept probe {Address}",
            () => Task.FromResult($"asked {rounds + 1} times; received: "
                + string.Join(" | ", Inbox.Snapshot().Select(r => $"{r.From} {r.Message}").DefaultIfEmpty("nothing"))),
            patience);
    }

    /// <summary>The incarnation a peer announces in its pongs.</summary>
    public async Task<long> IncarnationOfAsync(NodeAddress peer, TimeSpan patience)
    {
        long nonce = Random.Shared.NextInt64(1, long.MaxValue);
        Send(peer, new Ping(nonce));
        await Inbox.WaitForAsync(m => m is Pong p && p.Nonce == nonce, patience, $"{peer} answers a ping");
        return Inbox.Snapshot().Select(r => r.Message).OfType<Pong>().First(p => p.Nonce == nonce).Incarnation;
    }

    /// <summary>Says goodbye to the seeds and goes away (it then answers nothing, so the seeds' probes confirm it left).</summary>
    public async Task LeaveAsync(IEnumerable<NodeAddress> seeds)
    {
        foreach (var s in seeds) Send(s, new Goodbye(Incarnation));
        await _transport.DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        _transport.Abort();
        await _transport.DisposeAsync();
    }
}
