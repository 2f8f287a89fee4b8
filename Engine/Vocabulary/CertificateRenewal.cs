using GossipSim.Engine.Core;

namespace GossipSim.Engine.Vocabulary;

/// <summary>
/// A seed's word that a member's incarnation is still live, until <see cref="ValidUntil"/> (the
/// seed's clock, time since the Unix epoch on real nodes): the seed signs (member address,
/// incarnation, valid-until) with <see cref="Trust.ISeedIdentity.SignRenewal"/>. A certificate counts
/// only with an unexpired renewal from a seed of the list, and a seed renews only a live member
/// (in its refresh reply), so a removed member's certificate dies within one lifetime even at a
/// peer that never heard of the removal. The incarnation is the certificate's.
/// </summary>
public sealed record CertificateRenewal(NodeAddress Seed, TimeSpan ValidUntil, byte[] Signature);
