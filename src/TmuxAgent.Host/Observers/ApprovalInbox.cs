using System.Threading.Channels;

namespace TmuxAgent.Host.Observers;

/// <summary>An approval or denial from another part of the process (the phone portal), applied by the loop.</summary>
/// <param name="Branch">Branch.</param>
/// <param name="CommandId">Pending command id (wins over <paramref name="Text"/>).</param>
/// <param name="Text">Exact command text.</param>
/// <param name="Approve">True to approve, false to deny.</param>
/// <param name="Who">Who decided.</param>
/// <param name="Channel">Where (e.g. <c>portal</c>).</param>
/// <param name="Comment">Optional comment.</param>
public sealed record ApprovalRequest(string Branch, string? CommandId, string? Text, bool Approve, string Who, string Channel, string? Comment);

/// <summary>What became of an <see cref="ApprovalRequest"/> (maps to HTTP 2xx/404/409; a conflict is a 409 too).</summary>
public enum ApprovalResult
{
    /// <summary>Applied.</summary>
    Applied,
    /// <summary>No such branch.</summary>
    UnknownBranch,
    /// <summary>The branch never had such a command.</summary>
    UnknownCommand,
    /// <summary>The command exists but is no longer pending.</summary>
    NotPending,
    /// <summary>Other writers kept appending to the branch; the answer was not recorded (send it again).</summary>
    Conflict,
}

/// <summary>A queue of approvals the loop applies between cycles (and wakes up for).</summary>
public sealed class ApprovalInbox
{
    private readonly Channel<(ApprovalRequest Request, TaskCompletionSource<ApprovalResult> Done)> _queue =
        Channel.CreateUnbounded<(ApprovalRequest, TaskCompletionSource<ApprovalResult>)>();

    /// <summary>Queues <paramref name="request"/>; completes when the loop applied or refused it.</summary>
    public Task<ApprovalResult> SubmitAsync(ApprovalRequest request)
    {
        var done = new TaskCompletionSource<ApprovalResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        _queue.Writer.TryWrite((request, done));
        return done.Task;
    }

    /// <summary>Takes one queued request, if any (for the loop).</summary>
    public bool TryTake(out ApprovalRequest request, out TaskCompletionSource<ApprovalResult> done)
    {
        if (_queue.Reader.TryRead(out var item)) { (request, done) = item; return true; }
        (request, done) = (null!, null!);
        return false;
    }

    /// <summary>Completes when a request is waiting (for the loop's sleep).</summary>
    public Task WaitAsync(CancellationToken ct) => _queue.Reader.WaitToReadAsync(ct).AsTask();
}
