using GossipSim.Engine.Bytes;
using System.Diagnostics;
using System.Text;
using GossipSim.Engine.Core;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Trace;
using GossipSim.Engine.Wire;
using GossipSim.Simulator.Events;
using GossipSim.Simulator.Partitions;
using GossipSim.Simulator.World;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Simulator.Ranks;

/// <summary>
/// What the ranks trade at every exchange, written and read here only: deliveries for another rank's
/// nodes (time, key, epoch, target, sender, and the message in <see cref="MessageCodec"/>), and, to
/// rank 0, this rank's trace events and log lines with their event's time and key, so rank 0 merges
/// them as one process would write them. A segment: the deliveries (a count, then each), then the
/// outputs (a count, then each partition's number and entries). Big-endian, as the codec.
/// </summary>
internal sealed class WindowMail
{
    private const byte TraceEntry = 0, LogEntry = 1;

    private readonly NodeTable _nodes;
    private readonly RunOutput _output;
    private readonly SimPartition[] _all;
    private readonly IRankExchange _ranks;
    private readonly RankShare _share;
    private readonly SimPartition[] _local;
    private readonly WireWriter[] _to;
    private readonly WireWriter _payload = new(256);
    private readonly RankMail _outgoing, _incoming;
    private readonly int[] _lengths, _counts;
    /// <summary>On rank 0: what the other ranks' partitions wrote, by partition number, before the merge.</summary>
    private readonly PartitionOutput?[] _remote;
    private readonly PartitionOutput[] _merged;
    private readonly Message?[] _lastMessage; // by segment: what the delivery before carried

    public WindowMail(NodeTable nodes, RunOutput output, IRankExchange ranks, RankShare share, SimPartition[] all, SimPartition[] local)
    {
        _nodes = nodes;
        _output = output;
        _all = all;
        _ranks = ranks;
        _share = share;
        _local = local;
        _to = new WireWriter[ranks.Ranks];
        for (int r = 0; r < _to.Length; r++) _to[r] = new WireWriter(1024);
        _outgoing = new RankMail(ranks.Ranks);
        _incoming = new RankMail(ranks.Ranks);
        _lengths = new int[ranks.Ranks];
        _counts = new int[ranks.Ranks];
        _lastMessage = new Message?[ranks.Ranks];
        _remote = new PartitionOutput?[all.Length];
        var merged = new List<PartitionOutput>();
        foreach (var p in all)
        {
            if (share.OwnerOf(p.Number) == ranks.Rank) merged.Add(p.Output);
            else if (ranks.Rank == 0) merged.Add(_remote[p.Number] = new PartitionOutput(output));
        }
        _merged = merged.ToArray();
    }

    /// <summary>Where this rank's exchanges went: bytes sent (its own segment left out) and the time writing, in MPI, reading the
    /// mail, and on rank 0 merging the outputs.</summary>
    public readonly ExchangeTimes Times = new();

    /// <summary>
    /// Sends every rank its deliveries and rank 0 this rank's outputs; queues what came for this
    /// rank's nodes; on rank 0, writes every rank's outputs in (time, key) order. Every rank calls it
    /// at the same points.
    /// </summary>
    public void Exchange()
    {
        int self = _ranks.Rank;
        long start = Stopwatch.GetTimestamp();
        foreach (var w in _to) { w.Clear(); w.I32(0); }
        var counts = _counts;
        Array.Clear(counts);
        foreach (var part in _local)
            for (int target = 0; target < _remote.Length; target++)
            {
                int owner = _share.OwnerOf(target);
                if (owner == self) continue;
                var box = part.MailTo(target);
                for (int i = 0; i < box.Count; i++) WriteDelivery(_to[owner], owner, box[i]);
                counts[owner] += box.Count;
                box.Clear();
            }
        for (int r = 0; r < _to.Length; r++)
        {
            Patch(_to[r], 0, counts[r]);
            if (r == 0 && self != 0) WriteOutputs(_to[0]);
            else _to[r].I32(0); // no outputs: only rank 0 writes them
        }
        Array.Clear(_lastMessage);

        for (int r = 0; r < _to.Length; r++) _lengths[r] = r == self ? 0 : _to[r].Length;
        _outgoing.Resize(_lengths);
        for (int r = 0; r < _to.Length; r++)
        {
            if (r == self) continue;
            _to[r].Buffer.AsSpan(0, _lengths[r]).CopyTo(_outgoing.Segment(r));
            Times.BytesSent += _lengths[r];
        }
        long written = Stopwatch.GetTimestamp();
        _ranks.Exchange(_outgoing, _incoming);
        long traded = Stopwatch.GetTimestamp();
        for (int r = 0; r < _ranks.Ranks; r++)
            if (r != self) Read(r, _incoming.Segment(r));
        long read = Stopwatch.GetTimestamp();
        if (self == 0) PartitionOutput.Merge(_merged);
        long merged = Stopwatch.GetTimestamp();
        Times.Exchanges++;
        Times.Writing += written - start;
        Times.Trading += traded - written;
        Times.Reading += read - traded;
        Times.Merging += merged - read;
    }

    /// <summary>In place of a payload: the message of the delivery before, again (a node sends one message object to all its
    /// neighbours, and in one process they all hold that one object: so they do here, in memory and in the mail).</summary>
    private const int SameMessage = -1;

    /// <summary>In place of a payload: none, the delivery is a report of a failed send (SimPartition.TellSender).</summary>
    private const int SendFailed = -2;

    private void WriteDelivery(WireWriter w, int segment, in SimEvent e)
    {
        w.I64(e.Time);
        w.I64(e.Sequence);
        w.U32(e.Epoch);
        w.I32(e.Target);
        w.I64(e.Data);
        if (e.Payload == null)
        {
            w.I32(SendFailed);
            return;
        }
        var message = (Message)e.Payload;
        if (ReferenceEquals(message, _lastMessage[segment]))
        {
            w.I32(SameMessage);
            return;
        }
        _payload.Clear();
        MessageCodec.Write(_payload, message);
        _lastMessage[segment] = message;
        w.I32(_payload.Length);
        w.Bytes(_payload.Buffer.AsSpan(0, _payload.Length));
    }

    private void WriteOutputs(WireWriter w)
    {
        w.I32(_local.Length);
        foreach (var part in _local)
        {
            var entries = part.Output.Entries;
            w.I32(part.Number);
            w.I32(entries.Length);
            foreach (ref readonly var e in entries)
            {
                w.I64(e.Time);
                w.I64(e.Key);
                if (e.Writer == null)
                {
                    w.U8(TraceEntry);
                    var t = e.Trace;
                    w.I64(t.Time.Ticks);
                    w.U8((byte)t.Kind);
                    w.Address(t.Node);
                    w.Address(t.Peer);
                    w.Address(t.Message.Origin);
                    w.I32(t.Message.Number);
                    w.I64(t.A);
                    w.I64(t.B);
                    Text(w, t.Detail);
                }
                else
                {
                    w.U8(LogEntry);
                    w.Address(e.Node);
                    w.I64(e.LineTime.Ticks);
                    Text(w, e.Line);
                }
            }
            part.Output.Clear();
        }
    }

    private void Read(int rank, ReadOnlySpan<byte> segment)
    {
        var r = new WireReader(segment);
        int deliveries = r.I32();
        Message? last = null;
        for (int i = 0; i < deliveries; i++)
        {
            var e = new SimEvent { Time = r.I64(), Sequence = r.I64(), Epoch = r.U32(), Kind = SimEventKind.Deliver, Target = r.I32() };
            e.Data = r.I64();
            int length = r.I32();
            if (length == SendFailed) e.Payload = null; // the message before stays the one a SameMessage repeats
            else
                e.Payload = last = length == SameMessage
                    ? last ?? throw new RankExchangeException($"rank {rank} sent a delivery of 'the message before' as its first")
                    : MessageCodec.Decode(r.Bytes(length));
            var part = _all[SimPartition.Of(e.Target, _all.Length)];
            if (_share.OwnerOf(part.Number) != _ranks.Rank)
                throw new RankExchangeException($"rank {rank} sent this rank (rank {_ranks.Rank}) a message for node {e.Target}, which it does "
                    + "not hold: the ranks run different scenarios");
            part.Queue.PushKeyed(ref e, part.Now);
        }
        int outputs = r.I32();
        for (int o = 0; o < outputs; o++)
        {
            int number = r.I32();
            var into = (uint)number < (uint)_remote.Length ? _remote[number] : null;
            if (into == null)
                throw new RankExchangeException($"rank {rank} sent the output of partition {number}, which is not another rank's");
            int entries = r.I32();
            for (int i = 0; i < entries; i++)
            {
                var e = new PartitionOutput.Entry { Time = r.I64(), Key = r.I64() };
                if (r.U8() == TraceEntry)
                {
                    var time = r.Ticks();
                    var kind = (TraceKind)r.U8();
                    NodeAddress node = r.Address(), peer = r.Address(), origin = r.Address();
                    int sequence = r.I32();
                    long a = r.I64(), b = r.I64();
                    e.Trace = new TraceEvent(time, kind, node, peer, new MessageId(origin, sequence), a, b, Text(ref r));
                }
                else
                {
                    e.Node = r.Address();
                    e.LineTime = r.Ticks();
                    e.Line = Text(ref r);
                    e.Writer = _output.LogProvider(_nodes.IndexOf(e.Node))
                        ?? throw new RankExchangeException($"rank {rank} sent a log line of {e.Node}, whose log this rank does not keep");
                }
                into.Add(e);
            }
        }
        r.End();
    }

    // Details and log lines as UTF-8 with a 32-bit length (-1: none): a log line may pass the codec's 64 KiB strings.
    private static void Text(WireWriter w, string? s)
    {
        if (s == null) { w.I32(-1); return; }
        int n = Encoding.UTF8.GetByteCount(s);
        w.I32(n);
        Span<byte> bytes = n <= 1024 ? stackalloc byte[n] : new byte[n];
        Encoding.UTF8.GetBytes(s, bytes);
        w.Bytes(bytes);
    }

    private static string? Text(ref WireReader r)
    {
        int n = r.I32();
        return n < 0 ? null : Encoding.UTF8.GetString(r.Bytes(n));
    }

    private static void Patch(WireWriter w, int at, int value) =>
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(w.Buffer.AsSpan(at, 4), value);
}
