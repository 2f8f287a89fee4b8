namespace GossipSim.Engine.Trace;

/// <summary>
/// What a seed's own `seed-set` trace line says of the seed after the set and its change, for a final set: counted or left out. A
/// seed knows itself by its key, while the set may list it by an address made from that key (a seed named by host, as on Docker),
/// which the address the line is traced under does not match; the analysis reads this, not the addresses (Analysis's SeedSetLine).
/// </summary>
public static class SeedSetStanding
{
    public const string Counted = "; this seed is in it";
    public const string LeftOut = "; this seed is not in it";
}
