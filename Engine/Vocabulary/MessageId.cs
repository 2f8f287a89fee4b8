namespace GossipSim.Engine.Vocabulary;

/// <summary>
/// Identity of a gossip message: origin and its per-origin number. The text of R9 is built
/// from it only when something logs it.
/// </summary>
public readonly record struct MessageId(NodeAddress Origin, int Number)
{
    public override string ToString() => $"{Origin}#{Number}";
}
