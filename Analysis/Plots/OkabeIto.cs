using ScottPlot;

namespace GossipSim.Analysis.Plots;

/// <summary>Okabe–Ito colours: distinguishable with the common colour-vision deficiencies and in greyscale print.</summary>
public static class OkabeIto
{
    public static readonly Color Blue = Color.FromHex("#0072B2");
    public static readonly Color Vermillion = Color.FromHex("#D55E00");
    public static readonly Color Green = Color.FromHex("#009E73");
    public static readonly Color Orange = Color.FromHex("#E69F00");
    public static readonly Color Purple = Color.FromHex("#CC79A7");
    public static readonly Color Sky = Color.FromHex("#56B4E9");
    public static readonly Color Yellow = Color.FromHex("#F0E442");
    public static readonly Color Black = Color.FromHex("#000000");
    public static readonly Color Muted = Color.FromHex("#777777");

    private static readonly Color[] Series = [Blue, Vermillion, Green, Orange, Purple, Sky, Black];

    public static Color ForSeries(int index) => Series[index % Series.Length];
}
