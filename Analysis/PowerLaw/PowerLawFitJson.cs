using System.Text.Json;
using System.Text.Json.Serialization;

namespace GossipSim.Analysis.PowerLaw;

/// <summary>
/// The fit as JSON with the field names of summary.json's "degree" object:
/// alpha, alphaStdErr, xmin, ntail, ks, p, vsLognormal {R, p}, vsExponential {R, p}.
/// R is the normalised log-likelihood ratio (see <see cref="LikelihoodRatio"/>). A p that was
/// not computed (no bootstrap) is null.
/// </summary>
public sealed record PowerLawFitJson(
    [property: JsonPropertyName("alpha")] double Alpha,
    [property: JsonPropertyName("alphaStdErr")] double AlphaStdErr,
    [property: JsonPropertyName("xmin")] long Xmin,
    [property: JsonPropertyName("ntail")] long NTail,
    [property: JsonPropertyName("ks")] double Ks,
    [property: JsonPropertyName("p")] double? P,
    [property: JsonPropertyName("vsLognormal")] PowerLawFitJson.Comparison VsLognormal,
    [property: JsonPropertyName("vsExponential")] PowerLawFitJson.Comparison VsExponential)
{
    public sealed record Comparison(
        [property: JsonPropertyName("R")] double R,
        [property: JsonPropertyName("p")] double P);

    public static PowerLawFitJson From(PowerLawFit fit) => new(
        fit.Alpha, fit.AlphaStdErr, fit.Xmin, fit.NTail, fit.Ks,
        fit.HasPValue ? fit.P : null,
        new Comparison(fit.VsLognormal.R, fit.VsLognormal.P),
        new Comparison(fit.VsExponential.R, fit.VsExponential.P));

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public string ToJson(bool indented = true) => JsonSerializer.Serialize(this, indented ? Indented : JsonSerializerOptions.Default);
}
