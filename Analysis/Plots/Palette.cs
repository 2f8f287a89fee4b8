namespace GossipSim.Analysis.Plots;

/// <summary>Okabe–Ito colours: distinguishable with the common colour-vision deficiencies and in greyscale print.</summary>
public static class Palette
{
    public const string Blue = "#0072B2";
    public const string Vermillion = "#D55E00";
    public const string Green = "#009E73";
    public const string Orange = "#E69F00";
    public const string Purple = "#CC79A7";
    public const string Sky = "#56B4E9";
    public const string Black = "#000000";
    public const string Grid = "#e6e6e6";
    public const string Axis = "#333333";
    public const string Muted = "#777777";

    public static readonly string[] Series = { Blue, Vermillion, Green, Orange, Purple, Sky, Black };

    public static string ForSeries(int index) => Series[index % Series.Length];
}
