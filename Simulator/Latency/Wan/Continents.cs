namespace GossipSim.Simulator.Latency.Wan;

/// <summary>
/// Which continent a country is on, for figures by region (summary.json's latency by continent pair, the report's world map). A
/// country's continent is the area of its first time zone in tzdata's zone.tab, already shipped for the countries' positions: the
/// areas are continents except that America is both Americas and three are oceans. So two small tables complete it: South America
/// as the UN's M49 scheme counts it, and the ocean islands by the continent they are reached from (their cables and their owners).
/// Seven continents keep a continent pair's latency figure well filled in a run of a few dozen peers; a finer split (the M49
/// subregions) would leave most pairs with a handful of deliveries.
/// </summary>
public static class Continents
{
    public const string Africa = "Africa", Antarctica = "Antarctica", Asia = "Asia", Europe = "Europe",
        NorthAmerica = "North America", Oceania = "Oceania", SouthAmerica = "South America";

    /// <summary>The continents in the order figures list them.</summary>
    public static readonly IReadOnlyList<string> All = [Africa, Asia, Europe, NorthAmerica, SouthAmerica, Oceania, Antarctica];

    /// <summary>A continent pair's name: the two names in alphabetical order ("Asia / Europe"), so either direction is one
    /// figure.</summary>
    public static string PairName(string a, string b) =>
        string.CompareOrdinal(a, b) <= 0 ? $"{a} / {b}" : $"{b} / {a}";

    /// <summary>A continent's place in <see cref="All"/>.</summary>
    public static int IndexOf(string continent)
    {
        for (int i = 0; i < All.Count; i++)
            if (All[i] == continent) return i;
        throw new ArgumentException($"no continent called {continent}", nameof(continent));
    }

    /// <summary>South America in the UN's M49 scheme (code 005), with the South Atlantic islands it administers or claims.</summary>
    private static readonly HashSet<string> SouthAmerican =
        ["AR", "BO", "BR", "CL", "CO", "EC", "FK", "GF", "GS", "GY", "PE", "PY", "SR", "UY", "VE"];

    /// <summary>Countries whose first zone is an ocean's (Atlantic, Indian, Arctic): the continent they belong to in M49.</summary>
    private static readonly Dictionary<string, string> Islands = new(StringComparer.Ordinal)
    {
        ["IS"] = Europe, ["FO"] = Europe, ["SJ"] = Europe, ["BM"] = NorthAmerica, ["CV"] = Africa, ["SH"] = Africa,
        ["MG"] = Africa, ["MU"] = Africa, ["RE"] = Africa, ["SC"] = Africa, ["KM"] = Africa, ["YT"] = Africa, ["TF"] = Africa,
        ["MV"] = Asia, ["IO"] = Asia, ["CC"] = Oceania, ["CX"] = Oceania,
    };

    private static readonly Lazy<Dictionary<string, string>> Shipped = new(() =>
        WanData.FirstAreas().ToDictionary(kv => kv.Key, kv => Of(kv.Key, kv.Value), StringComparer.Ordinal));

    /// <summary>The continent of an ISO 3166 code zone.tab lists; null for a code it does not.</summary>
    public static string? Of(string code) => Shipped.Value.GetValueOrDefault(code);

    /// <summary>The continent of a country whose first time zone is in <paramref name="area"/>.</summary>
    public static string Of(string code, string area) =>
        Islands.TryGetValue(code, out var island) ? island
        : SouthAmerican.Contains(code) ? SouthAmerica
        : area switch
        {
            "Europe" or "Arctic" => Europe,
            "Asia" => Asia,
            "Africa" => Africa,
            "America" or "Atlantic" => NorthAmerica,
            "Australia" or "Pacific" or "Indian" => Oceania,
            _ => Antarctica,
        };
}
