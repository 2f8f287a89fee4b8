using GossipSim.Engine.Membership;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Seed;

/// <summary>
/// Seeds known by key, wherever they listen (issue 56, 1). A seed that starts away from its listed address (an orchestrator moved
/// it) tells the other seeds where it is, signed with its key and numbered by its epoch; a real seed says so at its listed address
/// too, so that one that comes home is taken back there (<see cref="SeedMoveRules.Announces"/>). A seed takes such a word only
/// from the key pinned for that seed and only when it is newer than the last it took (<see cref="SeedAddresses"/>), and passes it
/// on to its live members, to each peer it registers later and to each member that refreshes, so peers send to the seed's new
/// address too.
/// </summary>
internal sealed class SeedMoves(SeedSelf self, PeerList peers, OutsiderOutput output)
{
    private SeedMoved? _word; // this life's word, signed once

    /// <summary>The seed's start: it tells the other seeds where it is in this life.</summary>
    public void Announce()
    {
        if (self.Listening != self.Address && OwnWord() != null)
            self.Log($"seed {self.Address} listens at {self.Listening} in this life: telling the other seeds, signed with its key");
        Say();
    }

    /// <summary>
    /// The anti-entropy tick: the word is said again. A word sent while another seed could not be reached is dropped with the
    /// connection, and nothing else would say it: seeds named by host that start together dial addresses their names do not give
    /// yet (their containers are being made), and then took nothing from each other's connections for good (seen on the stack:
    /// every proposal "ignored unexpected"). A seed that has it finds it known; a word is a few dozen bytes a seed a tick.
    /// </summary>
    public void Tick()
    {
        // A seed that joins says nothing until a vote brings it in: the others would refuse the word of a seed they do not know.
        if (self.IsSeed(self.Address)) Say();
    }

    private void Say()
    {
        if (OwnWord() is not { } word) return;
        foreach (var s in self.OtherSeeds) self.Send(s, word);
    }

    private SeedMoved? OwnWord()
    {
        if (!SeedMoveRules.Announces(self.Listening == self.Address, self.Identity.ProvesKeys)) return null;
        return _word ??= new SeedMoved(self.Address, self.Listening, self.Epoch,
            self.Identity.SignAddress(self.Address, self.Listening, self.Epoch));
    }

    public void OnSeedMoved(NodeAddress from, SeedMoved m)
    {
        if (m.Seed == self.Address) return; // our own word, passed back
        var before = self.Moves.AddressOf(m.Seed);
        var verdict = self.Moves.Take(m, self.IsSeed, w => self.Identity.VerifyAddress(w.Seed, w.At, w.Sequence, w.Signature));
        switch (verdict)
        {
            case SeedMoveVerdict.Taken:
                self.Identity.SeedMoved(m.Seed, m.At);
                if (before == m.At) return; // where it was: nothing to pass on
                self.Log($"seed {m.Seed} is at {m.At} now (its signed word of life {m.Sequence}, from {from}; was at {before})");
                foreach (var member in peers.LiveEntries(exclude: default)) self.Send(member.Address, m);
                break;
            case SeedMoveVerdict.AlreadyKnown:
                break;
            default:
                output.RejectLog($"refused {from}'s word that seed {m.Seed} is at {m.At} (life {m.Sequence}): {SeedMoveRules.Why(verdict)}");
                break;
        }
    }

    /// <summary>
    /// The seed set changed: a seed a vote brought in heard none of the words said before it came (the stack's seeds, named by host,
    /// all go by addresses their keys make, so every one of them has moved), and would take nothing from the others' connections
    /// but their words. Each seed says again where it is, and passes on where the moved seeds are, to the seeds of the set now;
    /// those that heard it already find it known. A change is rare, and the words are a few.
    /// </summary>
    public void SetChanged()
    {
        Tick();
        if (self.Moves.Count == 0) return;
        foreach (var s in self.OtherSeeds) Tell(s);
    }

    /// <summary>A peer this seed just registered, or a seed, learns where moved seeds are now.</summary>
    public void Tell(NodeAddress peer)
    {
        if (self.Moves.Count == 0) return;
        foreach (var word in self.Moves.Words)
            if (word.At != word.Seed) self.Send(peer, word);
    }

    /// <summary>A member's periodic refresh: it hears again where moved seeds are, in case it missed a word passed on (it was cut off,
    /// or its connection was down), and would send to a seed's old address until that seed's next life.</summary>
    public void Refreshed(NodeAddress member)
    {
        if (self.Moves.Count != 0 && peers.IsLive(member)) Tell(member);
    }
}
