using System.Runtime.CompilerServices;
using GossipSim.Protocols;

namespace GossipSim.RealNet.Cli;

/// <summary>The node program's broadcast menu: the engine's own and this repository's sample protocols, registered when the
/// assembly loads, before any option is parsed, so a node takes <c>--broadcast rumour</c> and its settings (JIT and native alike).</summary>
internal static class ProtocolMenu
{
    [ModuleInitializer]
    internal static void RegisterSamples() => SampleProtocols.Register();
}
