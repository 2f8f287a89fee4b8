using GossipSim.Analysis.PowerLaw;

namespace GossipSim.Analysis.Tests.PowerLaw;

public class HurwitzZetaTests
{
    [TestCase(2.0, 1.0, 1.6449340668482264)]           // π²/6
    [TestCase(3.0, 1.0, 1.2020569031595943)]           // Apéry's constant
    [TestCase(4.0, 1.0, 1.0823232337111382)]           // π⁴/90
    [TestCase(1.5, 1.0, 2.6123753486854883)]
    [TestCase(2.0, 0.5, 4.9348022005446793)]           // π²/2 = (2² - 1) ζ(2)
    [TestCase(2.0, 10.0, 0.10516633568168575)]         // π²/6 - Σ_{k=1..9} 1/k²
    [TestCase(1.001, 1.0, 1000.5772884760116)]         // 1/ε + γ - γ₁ε + ...
    public void Value_MatchesKnownConstants(double s, double q, double expected)
    {
        Assert.That(HurwitzZeta.Value(s, q), Is.EqualTo(expected).Within(2e-14 * expected));
    }

    [Test]
    public void FirstAndSecondDerivatives_MatchKnownValuesAtTwo()
    {
        var z = HurwitzZeta.Evaluate(2, 1);
        double value = Math.Exp(z.Log);
        Assert.That(z.D1 * value, Is.EqualTo(-0.93754825431584375).Within(1e-14));
        Assert.That(z.D2 * value, Is.EqualTo(1.98928023429890).Within(1e-13));
    }

    // Reference values from mpmath (30 digits): zeta(s, q), zeta(s, q, 1), zeta(s, q, 2).
    [TestCase(2.3, 7.0, 0.067297527551163675575, -0.17797130334186100693, 0.51034405305976013141)]
    [TestCase(3.7, 1.0, 1.1062882414646792443, -0.09220632335339039039, 0.092177381906827393328)]
    [TestCase(1.2, 3.0, 4.1563071595296898006, -24.62745042258709832, 249.78081498406449705)]
    [TestCase(2.5, 250.0, 0.00016916161623844151389, -0.0010464554545847739555, 0.0065486903737024932481)]
    [TestCase(3.5, 10.0, 0.0014322106437178635209, -0.0038011418939247166013, 0.010316230419198409165)]
    [TestCase(2.0, 1e6, 1.0000005000001666667e-6, -0.000014815517465721772338, 0.000220499448527346374)]
    public void ValueAndDerivatives_MatchMpmath(double s, double q, double value, double d1, double d2)
    {
        var z = HurwitzZeta.Evaluate(s, q);
        double v = Math.Exp(z.Log);
        Assert.That(v, Is.EqualTo(value).Within(1e-13 * value));
        Assert.That(z.D1 * v, Is.EqualTo(d1).Within(1e-12 * Math.Abs(d1)));
        Assert.That(z.D2 * v, Is.EqualTo(d2).Within(1e-12 * Math.Abs(d2)));
    }

    [TestCase(40.0, 3.0, -43.944481488852145718)]
    [TestCase(49.0, 30.0, -166.43144309120900774)]
    [TestCase(45.0, 1e9, -915.60788643756035211)]
    public void LargeExponents_KeepFullRelativePrecisionOfTheLog(double s, double q, double expectedLog)
    {
        // ζ itself underflows at (45, 1e9); its log must not.
        Assert.That(HurwitzZeta.Log(s, q), Is.EqualTo(expectedLog).Within(1e-13 * Math.Abs(expectedLog)));
    }

    [Test]
    public void HugeArguments_DoNotUnderflow()
    {
        // ζ(2.5, 1e12) ≈ q^(1-s)/(s-1): far below double range once exponentiated at higher s.
        double log = HurwitzZeta.Log(2.5, 1e12);
        Assert.That(log, Is.EqualTo(-1.5 * Math.Log(1e12) - Math.Log(1.5)).Within(1e-9));
    }

    [TestCase(2.1, 1.0)]
    [TestCase(2.9, 12.0)]
    [TestCase(1.4, 4.0)]
    public void Derivatives_MatchFiniteDifferences(double s, double q)
    {
        const double h = 1e-4;
        double f(double x) => HurwitzZeta.Value(x, q);
        var z = HurwitzZeta.Evaluate(s, q);
        double value = f(s);
        double d1 = (f(s + h) - f(s - h)) / (2 * h);
        double d2 = (f(s + h) - 2 * value + f(s - h)) / (h * h);
        Assert.That(z.D1 * value, Is.EqualTo(d1).Within(1e-7 * Math.Abs(d1)));
        Assert.That(z.D2 * value, Is.EqualTo(d2).Within(1e-5 * Math.Abs(d2)));
    }

    [Test]
    public void OutsideTheDomain_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => HurwitzZeta.Value(1.0, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => HurwitzZeta.Value(2.0, 0));
    }
}
