// Offenders planted for LayeringTests: a miniature Scenarios whose command names a runtime's type
// and whose model uses the run path (which uses the model: a cycle). Never run, only compiled,
// for the layering rules to find.

namespace GossipSim.Scenarios.Tests.Layering.Planted.Runtimes.Sim
{
    internal sealed class Driver
    {
        public int Run() => 0;
    }
}

namespace GossipSim.Scenarios.Tests.Layering.Planted.Commands
{
    internal static class UpCommand
    {
        public static int Execute() => new Runtimes.Sim.Driver().Run();
    }
}

namespace GossipSim.Scenarios.Tests.Layering.Planted.Definition
{
    internal static class Model
    {
        public static int Duration() => 1;

        public static int Checked() => Run.Path.Start();
    }
}

namespace GossipSim.Scenarios.Tests.Layering.Planted.Run
{
    internal static class Path
    {
        public static int Start() => Definition.Model.Duration() + 1;
    }
}
