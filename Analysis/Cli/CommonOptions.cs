using System.CommandLine;
using System.CommandLine.Parsing;
using GossipSim.Analysis.PowerLaw;

namespace GossipSim.Analysis.Cli;

/// <summary>The fit's options, shared by the fit and report commands.</summary>
public sealed class CommonOptions
{
    public required Option<int> Bootstrap { get; init; }
    public required Option<ulong> Seed { get; init; }
    public required Option<long?> Xmin { get; init; }
    public required Option<int> Threads { get; init; }

    public static CommonOptions Create()
    {
        var bootstrap = new Option<int>("--bootstrap")
        {
            Description = "Synthetic data sets for the goodness-of-fit p-value (0 skips it).",
            DefaultValueFactory = _ => 1000,
            CustomParser = r => (int)(UsageErrors.WholeNumber(r, 0, int.MaxValue) ?? 0),
        };
        var seed = new Option<ulong>("--seed")
            { Description = "Seed of the bootstrap (same seed, same p on any number of threads).", DefaultValueFactory = _ => 1 };
        var xmin = new Option<long?>("--xmin")
            { Description = "Fix xmin instead of searching for it.", CustomParser = r => UsageErrors.WholeNumber(r, 1, long.MaxValue) };
        var threads = new Option<int>("--threads")
        {
            Description = "Bootstrap threads (default: one per core).",
            DefaultValueFactory = _ => 0,
            CustomParser = r => (int)(UsageErrors.WholeNumber(r, 0, int.MaxValue) ?? 0),
        };
        return new CommonOptions { Bootstrap = bootstrap, Seed = seed, Xmin = xmin, Threads = threads };
    }

    public PowerLawFitOptions ToFitOptions(ParseResult parse)
    {
        int samples = parse.GetValue(Bootstrap);
        return new PowerLawFitOptions
        {
            BootstrapSamples = samples,
            Seed = parse.GetValue(Seed),
            Xmin = parse.GetValue(Xmin),
            MaxDegreeOfParallelism = parse.GetValue(Threads),
            Progress = samples >= 20 ? new Progress(samples, "bootstrap") : null,
        };
    }
}
