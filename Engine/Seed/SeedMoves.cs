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
    public void Announce()
    {
        bool home = self.Listening == self.Address;
        if (!SeedMoveRules.Announces(home, self.Identity.ProvesKeys)) return;
        var word = new SeedMoved(self.Address, self.Listening, self.Epoch, self.Identity.SignAddress(self.Address, self.Listening, self.Epoch));
        if (!home) self.Log($"seed {self.Address} listens at {self.Listening} in this life: telling the other seeds, signed with its key");
        foreach (var s in self.OtherSeeds) self.Send(s, word);
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

    /// <summary>A peer this seed just registered learns where moved seeds are now.</summary>
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
