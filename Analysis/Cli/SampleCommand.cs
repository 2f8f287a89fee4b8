using System.CommandLine;
using System.Globalization;
using System.Text;
using GossipSim.Analysis.PowerLaw;
using GossipSim.Engine.Core;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Analysis.Cli;

/// <summary>
/// <c>sample KIND --n N [--seed S] ...</c>: synthetic integer data with known parameters, one
/// per line, to check the fit end to end (e.g. <c>sample powerlaw --alpha 2.5 --xmin 5 | fit</c>).
/// </summary>
public static class SampleCommand
{
    public static Command Create()
    {
        var kind = new Argument<string>("KIND") { Description = "powerlaw | geometric | lognormal | ba (Barabási–Albert degrees)" };
        kind.AcceptOnlyFromAmong("powerlaw", "geometric", "lognormal", "ba");
        var n = new Option<int>("--n") { Description = "How many values (nodes for ba).", DefaultValueFactory = _ => 10_000 };
        n.Validators.Add(r => { if (r.GetValueOrDefault<int>() < 1) r.AddError("--n must be 1 or more"); });
        var seed = new Option<ulong>("--seed") { Description = "Random seed.", DefaultValueFactory = _ => 1 };
        var alpha = new Option<double>("--alpha") { Description = "powerlaw: exponent (> 1).", DefaultValueFactory = _ => 2.5 };
        var xmin = new Option<long>("--xmin")
            { Description = "powerlaw, geometric, lognormal: smallest value.", DefaultValueFactory = _ => 1 };
        var rate = new Option<double>("--rate")
            { Description = "geometric: rate lambda, P(x) ∝ exp(-lambda x).", DefaultValueFactory = _ => 0.1 };
        var mu = new Option<double>("--mu") { Description = "lognormal: mean of ln x.", DefaultValueFactory = _ => 1.5 };
        var sigma = new Option<double>("--sigma") { Description = "lognormal: sd of ln x.", DefaultValueFactory = _ => 1.0 };
        var m = new Option<int>("--m") { Description = "ba: links per new node.", DefaultValueFactory = _ => 3 };
        var output = new Option<string?>("--output", "-o") { Description = "Write to this file instead of stdout." };
        var command = new Command("sample", "Write synthetic integer data with known parameters, one value per line.")
        {
            kind, n, seed, alpha, xmin, rate, mu, sigma, m, output,
        };
        command.SetAction(parse => CliErrors.Run(() =>
        {
            var rng = new Rng(parse.GetValue(seed));
            int count = parse.GetValue(n);
            long[] values;
            try
            {
                values = parse.GetValue(kind) switch
                {
                    "powerlaw" => new DiscretePowerLawSampler(parse.GetValue(alpha), parse.GetValue(xmin)).Sample(count, rng),
                    "geometric" => AlternativeSamplers.Geometric(count, parse.GetValue(rate), parse.GetValue(xmin), rng),
                    "lognormal" => AlternativeSamplers.DiscreteLognormal(count, parse.GetValue(mu),
                        parse.GetValue(sigma), parse.GetValue(xmin), rng),
                    _ => BarabasiAlbert.Degrees(count, parse.GetValue(m), rng),
                };
            }
            catch (ArgumentOutOfRangeException ex)
            {
                throw new InputException(ex.Message);
            }
            var sb = new StringBuilder(values.Length * 4);
            foreach (long v in values) sb.Append(v.ToString(CultureInfo.InvariantCulture)).Append('\n');
            if (parse.GetValue(output) is string path) File.WriteAllText(path, sb.ToString());
            else Console.Out.Write(sb.ToString());
            return 0;
        }));
        return command;
    }
}
