using System.Diagnostics;
using GossipSim.Engine.Core;
using GossipSim.Scenarios.Definition;
using GossipSim.Scenarios.Results;
using GossipSim.Scenarios.Tests.Support;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Scenarios.Tests.Results;

/// <summary>
/// One run at a time writes into a results folder: a second is refused in one line naming the
/// holder's pid, and a lock its dead holder left behind is taken over.
/// </summary>
public class RunFolderLockTests : RunFolder
{
    private string LockPath => Path.Combine(Dir, RunFolderLock.FileName);

    private string InUse(int pid) => $"{Dir} is in use by another run (pid {pid}); wait for it or choose --out";

    /// <summary>
    /// Another process holding the folder's lock as a run does: its pid in the file, then an OS
    /// lock on it (flock(1) execs in the shell's place, so the pid written is the holder's; -o keeps
    /// the lock from its child, so the lock ends with the process whose pid the file names).
    /// </summary>
    private Process HoldInAnotherProcess()
    {
        var start = new ProcessStartInfo("sh") { RedirectStandardOutput = true };
        foreach (var a in new[] { "-c", $"echo $$ > '{LockPath}'; exec flock -o '{LockPath}' sh -c 'echo locked; exec sleep 600'" })
            start.ArgumentList.Add(a);
        var holder = Process.Start(start)!;
        try { Assert.That(holder.StandardOutput.ReadLine(), Is.EqualTo("locked")); }
        catch { Stop(holder); throw; }
        return holder;
    }

    private static void Stop(Process holder)
    {
        holder.Kill(entireProcessTree: true);
        holder.WaitForExit();
        holder.Dispose();
    }

    [Test]
    public void AFolderAnotherProcessHolds_IsRefused_NamingItsPid_AndTakenOverOnceItIsDead()
    {
        var holder = HoldInAnotherProcess();
        int pid = holder.Id;
        try
        {
            var refusal = Assert.Throws<ScenarioException>(() => RunFolderLock.Take(Dir))!;
            Assert.That(refusal.Message, Is.EqualTo(InUse(pid)));
        }
        finally { Stop(holder); }

        Assert.That(File.Exists(LockPath), "the dead holder's lock file is still there");
        using (RunFolderLock.Take(Dir)) Assert.That(File.Exists(LockPath));
        Assert.That(File.Exists(LockPath), Is.False, "letting go removes the lock file");
    }

    [Test]
    public void ARunIntoAHeldFolder_SaysSoInOneLine_AndWritesNothing()
    {
        var holder = HoldInAnotherProcess();
        int pid = holder.Id;
        (int Code, string Out, string Err) run;
        try { run = ScenariosCommand.Run("sim-loss.json", "--out", Dir, "--quiet"); }
        finally { Stop(holder); }
        Assert.That(run.Code, Is.EqualTo(ExitCodes.BadInput));
        Assert.That(run.Err, Is.EqualTo($"error: {InUse(pid)}{Environment.NewLine}"));
        Assert.That(Directory.GetFiles(Dir).Select(Path.GetFileName), Is.EqualTo(new[] { RunFolderLock.FileName }));
    }

    [Test]
    public void TwoRunsInOneProcess_AreRefusedToo_WhileARunsOwnRunnerHoldsItAgain()
    {
        Task<RunFolderLock> OtherRun()
        {
            // Another run's flow: not this one's, which holds the folder.
            using (ExecutionContext.SuppressFlow()) return Task.Run(() => RunFolderLock.Take(Dir));
        }

        using (RunFolderLock.Take(Dir))
        {
            using (RunFolderLock.Take(Dir)) Assert.That(File.Exists(LockPath), "the same run holds it again");
            var refusal = Assert.ThrowsAsync<ScenarioException>(async () => await OtherRun())!;
            Assert.That(refusal.Message, Is.EqualTo(InUse(Environment.ProcessId)));
        }
        using (OtherRun().Result) Assert.That(File.Exists(LockPath), "free once the first run lets go");
    }
}
