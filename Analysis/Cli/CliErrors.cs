using GossipSim.Analysis.PowerLaw;

namespace GossipSim.Analysis.Cli;

/// <summary>Turns the errors a user can cause into one line on stderr and an exit code.</summary>
public static class CliErrors
{
    public const int InputError = Engine.Core.ExitCodes.BadInput;
    public const int CannotFit = Engine.Core.ExitCodes.Failed;

    public static int Run(Func<int> action)
    {
        try
        {
            return action();
        }
        catch (InputException ex)
        {
            Console.Error.WriteLine($"error: {ex.Message}");
            return InputError;
        }
        catch (PowerLawFitException ex)
        {
            Console.Error.WriteLine($"error: cannot fit a power law: {ex.Message}");
            return CannotFit;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"error: {ex.Message}");
            return InputError;
        }
    }
}
