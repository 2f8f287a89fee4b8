using System.Diagnostics;
using GossipSim.Engine.Core;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Trust;
using GossipSim.RealNet.Security;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.RealNet.Tests.Security;

/// <summary>
/// A real seed's vote checks, with the bytes a vote signs built once per operation and one
/// verifier per pinned key: the same verdicts as a fresh check per vote.
/// </summary>
public class SeedIdentityTests
{
    private static readonly NodeAddress Seed1 = NodeAddress.Parse("127.0.0.1:5001");
    private static readonly NodeAddress Seed2 = NodeAddress.Parse("127.0.0.1:5002");
    private static readonly MembershipOp Add = new(MembershipChange.Add, new PeerId(NodeAddress.Parse("127.0.0.1:6001"), 65536));
    private static readonly NodeKey PeerKey = new([4, 1, 2, 3]);

    private static (SeedIdentity Checker, NodeIdentity[] Seeds) Pinned(int seeds)
    {
        var keys = Enumerable.Range(0, seeds).Select(_ => NodeIdentity.Ephemeral()).ToArray();
        var book = new KeyBook();
        for (int i = 0; i < seeds; i++) book.Pin(SeedAt(i), keys[i].PublicKey);
        return (new SeedIdentity(NodeIdentity.Ephemeral(), book), keys);
    }

    private static NodeAddress SeedAt(int i) => new(0x7F000001, (ushort)(5001 + i));

    private static byte[] VoteOf(NodeIdentity seed, in MembershipOp op, NodeKey? peerKey) => new SeedIdentity(seed, new KeyBook()).Sign(op, peerKey);

    public enum Tamper { None, OtherOperation, OtherPeerKey, OtherSigner, FlippedByte, Truncated }

    [TestCase(Tamper.None, true)]
    [TestCase(Tamper.OtherOperation, false)]
    [TestCase(Tamper.OtherPeerKey, false)]
    [TestCase(Tamper.OtherSigner, false)]
    [TestCase(Tamper.FlippedByte, false)]
    [TestCase(Tamper.Truncated, false)]
    public void Verify_TakesOnlyThePinnedSeedsVote_OnExactlyThatOperation(Tamper tamper, bool expected)
    {
        var (checker, seeds) = Pinned(2);
        byte[] vote = VoteOf(seeds[0], Add, PeerKey);
        Assert.That(checker.Verify(Seed1, Add, PeerKey, vote), Is.True, "warm the caches with a good vote first");
        var op = tamper == Tamper.OtherOperation ? Add with { Change = MembershipChange.Remove } : Add;
        var key = tamper == Tamper.OtherPeerKey ? new NodeKey([4, 9]) : PeerKey;
        var voter = tamper == Tamper.OtherSigner ? Seed2 : Seed1;
        if (tamper == Tamper.FlippedByte) vote[10] ^= 1;
        if (tamper == Tamper.Truncated) vote = vote[..^1];
        Assert.That(checker.Verify(voter, op, key, vote), Is.EqualTo(expected));
    }

    /// <summary>
    /// Issue 56, 2: a vote signs the seed set's version it is cast at, so a vote of one version cannot be shown as another's; at
    /// version 0 (the seed list every node starts with) it signs what it always signed, so stored proofs still verify.
    /// </summary>
    [Test]
    public void AVote_SignsItsSeedSetVersion_AndVersion0SignsWhatVotesAlwaysSigned()
    {
        var (checker, seeds) = Pinned(2);
        var signer = new SeedIdentity(seeds[0], new KeyBook());
        Assert.That(SeedIdentity.VoteBytes(Add, PeerKey, 0), Is.EqualTo(SeedIdentity.VoteBytes(Add, PeerKey)));
        Assert.That(SeedIdentity.VoteBytes(Add, PeerKey, 3), Has.Length.EqualTo(SeedIdentity.VoteBytes(Add, PeerKey).Length + 8));
        byte[] atThree = signer.Sign(Add, PeerKey, 3);
        Assert.That(checker.Verify(Seed1, Add, PeerKey, atThree, 3), Is.True);
        Assert.That(checker.Verify(Seed1, Add, PeerKey, atThree, 4), Is.False, "shown as the next version's");
        Assert.That(checker.Verify(Seed1, Add, PeerKey, atThree), Is.False, "shown as a vote of the starting list");
        Assert.That(checker.Verify(Seed1, Add, PeerKey, signer.Sign(Add, PeerKey)), Is.True);
    }

    /// <summary>
    /// Issue 56, 2: a step of the seed set is taken only with a majority of the set in force whose votes verify under their pinned
    /// keys over exactly that set and change: a vote over another set, or in another seed's name, does not count.
    /// </summary>
    [Test]
    public void ASeedSetStep_CountsOnlyVotesThatVerifyOverThatSetAndChange()
    {
        var (checker, seeds) = Pinned(3);
        var start = new SeedSet(0, [SeedAt(0), SeedAt(1), SeedAt(2)]);
        var added = NodeAddress.Parse("127.0.0.1:5009");
        var change = SeedSetChange.Add(added, new NodeKey([4, 5, 6]));
        var joint = GossipSim.Engine.Membership.SeedSetRules.Begin(start, change).Next!;
        byte[] VoteBy(int i, SeedSet set) => new SeedIdentity(seeds[i], new KeyBook()).SignSeedSet(set, change);
        SeedSetStep Step(params SignedVote[] votes) => new(joint, change, votes);
        string? Refusal(SeedSetStep step) => GossipSim.Engine.Membership.SeedSetRules.StepRefusal(start, step, checker);

        Assert.That(Refusal(Step(new SignedVote(SeedAt(0), VoteBy(0, joint)), new SignedVote(SeedAt(1), VoteBy(1, joint)))), Is.Null);
        var otherSet = new SeedSet(1, [SeedAt(0), SeedAt(1), SeedAt(2), NodeAddress.Parse("127.0.0.1:5010")], start.Seeds);
        Assert.That(Refusal(Step(new SignedVote(SeedAt(0), VoteBy(0, joint)), new SignedVote(SeedAt(1), VoteBy(1, otherSet)))), Does.Contain("does not verify"),
            "a vote over another set");
        Assert.That(Refusal(Step(new SignedVote(SeedAt(0), VoteBy(0, joint)), new SignedVote(SeedAt(1), VoteBy(0, joint)))), Does.Contain("does not verify"),
            "seed 0's vote shown as seed 1's");
        Assert.That(Refusal(Step(new SignedVote(SeedAt(0), VoteBy(0, joint)))), Does.Contain("do not make a majority"), "one vote of three");
    }

    public enum KeyKnown { Pinned, LearnedOnFirstUse, RememberedFromAnEarlierLife, OwnAddress, Unknown }

    /// <summary>
    /// A vote counts only under a key the seed knows for its signer; a seed
    /// whose key is unknown (unpinned, never met) has no vote, and a made-up vote in the checking
    /// seed's own name fails too.
    /// </summary>
    [TestCase(KeyKnown.Pinned, true, false)]
    [TestCase(KeyKnown.LearnedOnFirstUse, true, false)]
    [TestCase(KeyKnown.RememberedFromAnEarlierLife, true, false)]
    [TestCase(KeyKnown.OwnAddress, true, false)]
    [TestCase(KeyKnown.Unknown, false, false)]
    public void Verify_CountsAVote_OnlyUnderAKnownKey(KeyKnown known, bool realVoteCounts, bool madeUpVoteCounts)
    {
        var signer = NodeIdentity.Ephemeral();
        var own = known == KeyKnown.OwnAddress ? signer : NodeIdentity.Ephemeral();
        var book = new KeyBook();
        var self = known == KeyKnown.OwnAddress ? Seed1 : Seed2;
        book.Own(self, own.PublicKey);
        var remembered = known == KeyKnown.RememberedFromAnEarlierLife ? new Dictionary<NodeAddress, NodeKey> { [Seed1] = signer.PublicKey } : [];
        if (known == KeyKnown.Pinned) book.Pin(Seed1, signer.PublicKey);
        book.LearnSeedsOnFirstUse([Seed1, Seed2], remembered, null);
        if (known == KeyKnown.LearnedOnFirstUse) Assert.That(book.Refusal(Seed1, signer.PublicKey), Is.Null, "the seed's first connection");
        var checker = new SeedIdentity(own, book);
        var madeUp = new byte[NodeIdentity.SignatureBytes];
        new Random(7).NextBytes(madeUp);

        Assert.That(checker.Verify(Seed1, Add, PeerKey, VoteOf(signer, Add, PeerKey)), Is.EqualTo(realVoteCounts));
        Assert.That(checker.Verify(Seed1, Add, PeerKey, madeUp), Is.EqualTo(madeUpVoteCounts));
    }

    [Test]
    public void KeyBook_BindsAnUnpinnedSeed_ToTheFirstKeyThatProvesIt_AndRefusesEveryOtherAfter()
    {
        var book = new KeyBook();
        var pinned = NodeIdentity.Ephemeral().PublicKey;
        book.Pin(Seed2, pinned);
        var learned = new List<(NodeAddress, NodeKey)>();
        book.LearnSeedsOnFirstUse([Seed1, Seed2], [], (s, k) => learned.Add((s, k)));
        var first = NodeIdentity.Ephemeral().PublicKey;
        var squatter = NodeIdentity.Ephemeral().PublicKey;
        var member = NodeAddress.Parse("127.0.0.1:6001");

        Assert.That(book.Refusal(Seed1, first), Is.Null, "first use");
        Assert.That(book.Refusal(Seed1, first), Is.Null, "the same key again");
        Assert.That(book.Refusal(Seed1, squatter), Does.Contain("learned on first use").And.Contain(first.Fingerprint));
        Assert.That(book.Refusal(Seed2, squatter), Does.Contain("pinned"), "a pinned seed is never learned");
        Assert.That(book.Refusal(member, squatter), Is.Null, "an address outside the seed list is not bound by proving a key");
        Assert.That(book.Expected(member), Is.Null);
        Assert.That(learned, Is.EqualTo(new[] { (Seed1, first) }), "each binding is handed on once, to be kept");
        Assert.That(book.IsVouched(Seed1), Is.False, "a key learned on first use is not the operator's word");
        Assert.That(book.IsVouched(Seed2), Is.True);
    }

    /// <summary>
    /// The rule at a peer: no key is learned at a handshake; an unpinned seed is bound to the key a
    /// majority of the seed list vouches for (each seed's own key being the one its connection proved), one voice per seed,
    /// and rebound when the majority says otherwise, so a squatter heard first binds nothing and keeps nobody out.
    /// </summary>
    [Test]
    public void Vouch_BindsAnUnpinnedSeed_ToTheKeyAMajorityOfSeedsNames_NeverToASquatterAlone()
    {
        var seed3 = SeedAt(2);
        var (k1, k2, k3, squatter) = (NodeIdentity.Ephemeral().PublicKey, NodeIdentity.Ephemeral().PublicKey,
            NodeIdentity.Ephemeral().PublicKey, NodeIdentity.Ephemeral().PublicKey);
        var book = new KeyBook();
        var learned = new List<(NodeAddress, NodeKey)>();
        // A key kept from an earlier life: the squatter's, as a peer of the code before kept it.
        book.LearnSeedsOnFirstUse([Seed1, Seed2, seed3], new Dictionary<NodeAddress, NodeKey> { [seed3] = squatter }, (s, k) => learned.Add((s, k)),
            atHandshake: false);

        Assert.That(book.Refusal(Seed1, squatter), Is.Null, "a peer learns nothing at a handshake");
        Assert.That(book.Expected(Seed1), Is.Null);

        book.Vouch(seed3, squatter, [new SeedKey(Seed1, squatter), new SeedKey(Seed2, squatter)]);
        Assert.That(book.Expected(Seed1), Is.Null, "one seed's word binds nothing");
        Assert.That(book.Expected(Seed2), Is.Null);

        book.Vouch(Seed1, k1, [new SeedKey(Seed2, k2), new SeedKey(seed3, k3)]);
        Assert.That(book.Expected(Seed2), Is.Null, "one honest seed's word is not a majority either");
        book.Vouch(Seed2, k2, [new SeedKey(Seed1, k1), new SeedKey(seed3, k3)]);
        Assert.That(book.Expected(Seed1), Is.EqualTo(k1), "its own word and another's");
        Assert.That(book.Expected(Seed2), Is.EqualTo(k2));
        Assert.That(book.Expected(seed3), Is.EqualTo(k3), "the majority rebinds the key kept from an earlier life");
        Assert.That(book.Refusal(seed3, squatter), Does.Contain("vouched").And.Contain(k3.Fingerprint));
        Assert.That(book.Refusal(seed3, k3), Is.Null, "the real seed is taken back");
        Assert.That(learned, Is.EquivalentTo(new[] { (Seed1, k1), (Seed2, k2), (seed3, k3) }), "each new binding is handed on, to be kept");

        // The squatter, now bound to another key, is not counted any more: it cannot tip a later count.
        book.Vouch(seed3, squatter, [new SeedKey(Seed1, squatter), new SeedKey(Seed2, squatter)]);
        book.Vouch(Seed2, k2, [new SeedKey(Seed1, squatter)]);
        Assert.That(book.Expected(Seed1), Is.EqualTo(k1));
        Assert.That(book.IsVouched(seed3), Is.False, "vouched by seeds, not pinned by the operator");
    }

    /// <summary>A witness's "reachable" counts only with the suspect's own signature over the asker's
    /// challenge, checked under the key bound to the suspect's address (its certificate's, when it became a neighbour).</summary>
    [Test]
    public void AnAck_VerifiesOnlyAsTheSuspectsSignatureOverThisChallenge_UnderItsBoundKey()
    {
        var suspect = NodeIdentity.Ephemeral();
        var suspectAt = NodeAddress.Parse("127.0.0.1:6001");
        var book = new KeyBook();
        var asker = new PeerIdentity(NodeIdentity.Ephemeral(), book);
        long challenge = asker.NewChallenge(1);
        var ack = new PeerIdentity(suspect, new KeyBook()).SignAck(suspectAt, challenge);
        var liar = NodeIdentity.Ephemeral();

        Assert.That(asker.VerifyAck(suspectAt, challenge, ack), Is.False, "no key bound to the suspect: nothing verifies");
        book.Bind(suspectAt, suspect.PublicKey);
        Assert.That(asker.VerifyAck(suspectAt, challenge, ack), Is.True);
        Assert.That(asker.VerifyAck(suspectAt, challenge + 2, ack), Is.False, "an ack of another (an earlier) challenge");
        Assert.That(asker.VerifyAck(suspectAt, challenge, new PeerIdentity(liar, new KeyBook()).SignAck(suspectAt, challenge)), Is.False,
            "the witness's own signature");
        Assert.That(asker.VerifyAck(NodeAddress.Parse("127.0.0.1:6002"), challenge, ack), Is.False, "another address's");
        Assert.That(challenge, Is.Not.EqualTo(asker.NewChallenge(1)).And.Not.EqualTo(0), "a fresh challenge each round, never 0");
    }

    [Test]
    public void LearnedSeedKeys_ABindingReplaced_KeepsOneLinePerSeed_AndLoads()
    {
        string dir = Path.Combine(TestContext.CurrentContext.WorkDirectory, "learned-keys", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var file = new LearnedSeedKeys(dir);
        var (k1, k2, k3) = (NodeIdentity.Ephemeral().PublicKey, NodeIdentity.Ephemeral().PublicKey, NodeIdentity.Ephemeral().PublicKey);
        file.Append(Seed1, k1);
        file.Append(Seed2, k2);
        file.Append(Seed1, k3);
        Assert.That(new LearnedSeedKeys(dir).Load(), Is.EquivalentTo(new Dictionary<NodeAddress, NodeKey> { [Seed1] = k3, [Seed2] = k2 }));
        Assert.That(File.ReadAllLines(file.Path).Count(l => l.StartsWith(Seed1.ToString(), StringComparison.Ordinal)), Is.EqualTo(1));
        Directory.Delete(dir, recursive: true);
    }

    [Test]
    public void LearnedSeedKeys_KeepsEachBinding_AcrossALoad_AndNamesTheLineOfABadOne()
    {
        string dir = Path.Combine(TestContext.CurrentContext.WorkDirectory, "learned-keys", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var file = new LearnedSeedKeys(dir);
        Assert.That(file.Load(), Is.Empty, "no file yet");
        var k1 = NodeIdentity.Ephemeral().PublicKey;
        var k2 = NodeIdentity.Ephemeral().PublicKey;
        file.Append(Seed1, k1);
        file.Append(Seed2, k2);
        Assert.That(new LearnedSeedKeys(dir).Load(), Is.EquivalentTo(new Dictionary<NodeAddress, NodeKey> { [Seed1] = k1, [Seed2] = k2 }));

        File.AppendAllText(file.Path, "127.0.0.1:5003\n");
        var e = Assert.Throws<NodeKeyException>(() => new LearnedSeedKeys(dir).Load());
        Assert.That(e!.Message, Does.Contain($"{file.Path}:4").And.Contain("has no key"));
        Directory.Delete(dir, recursive: true);
    }

    [Test]
    public void Verify_StaysRight_PastTheVerifierBound()
    {
        int n = SeedIdentity.MaxVerifiers + 5;
        var (checker, seeds) = Pinned(n);
        var votes = seeds.Select(s => VoteOf(s, Add, null)).ToArray();
        for (int round = 0; round < 2; round++)
            for (int i = 0; i < n; i++)
            {
                Assert.That(checker.Verify(SeedAt(i), Add, null, votes[i]), Is.True);
                Assert.That(checker.Verify(SeedAt(i), Add, null, votes[(i + 1) % n]), Is.False);
            }
    }

    /// <summary>
    /// Not a timed assertion: the verdicts must agree; the times go to the test output, for
    /// docs/performance.md (run with --logger "console;verbosity=detailed"). The two ways take
    /// turns, a block of commits each, so a busy machine slows both alike; the median block counts.
    /// </summary>
    [Test]
    public void CheckingCommits_GivesTheVerdictsOfAFreshCheckPerVote_AndTimesBoth()
    {
        const int blocks = 9, commits = 50;
        var (checker, seeds) = Pinned(3);
        var ops = Enumerable.Range(0, commits).Select(i => Add with { Peer = new PeerId(new NodeAddress(0x0A000000 + (uint)i, 7000), 65536) }).ToArray();
        var votes = ops.Select(op => seeds.Select(s => VoteOf(s, op, PeerKey)).ToArray()).ToArray();
        var freshTimes = new List<double>();
        var cachedTimes = new List<double>();
        for (int b = 0; b < blocks; b++)
        {
            var clock = Stopwatch.StartNew();
            int yes = 0;
            for (int c = 0; c < commits; c++)
                for (int v = 0; v < 2; v++) // a commit carries a majority: 2 of 3
                    if (NodeIdentity.Verify(seeds[v].PublicKey, SeedIdentity.VoteBytes(ops[c], PeerKey), votes[c][v])) yes++;
            freshTimes.Add(clock.Elapsed.TotalMicroseconds / (2 * commits));
            Assert.That(yes, Is.EqualTo(2 * commits));
            clock.Restart();
            yes = 0;
            for (int c = 0; c < commits; c++)
                for (int v = 0; v < 2; v++)
                    if (checker.Verify(SeedAt(v), ops[c], PeerKey, votes[c][v])) yes++;
            cachedTimes.Add(clock.Elapsed.TotalMicroseconds / (2 * commits));
            Assert.That(yes, Is.EqualTo(2 * commits));
        }
        double Median(List<double> xs) => xs.Order().ElementAt(xs.Count / 2);
        TestContext.Out.WriteLine($"vote check, median of {blocks} blocks of {2 * commits}: a fresh verifier and vote bytes per vote {Median(freshTimes):0.0} us; " +
                                  $"cached {Median(cachedTimes):0.0} us");
    }
}
