using System.Runtime.CompilerServices;
using GossipSim.Protocols;

namespace GossipSim.Scenarios;

/// <summary>The scenario runner's broadcast menu: the engine's own and this repository's sample protocols, registered when the
/// assembly loads, before any scenario is read, so every runtime and command (a test that loads this assembly too) knows them.</summary>
internal static class ProtocolMenu
{
    [ModuleInitializer]
    internal static void RegisterSamples() => SampleProtocols.Register();
}
