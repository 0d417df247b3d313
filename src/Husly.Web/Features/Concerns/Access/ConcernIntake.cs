using System.Data.Common;
using Husly.Data;
using Husly.Features.Casework.Access;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Husly.Features.Concerns.Access;

/// <summary>What a reporter sent through the public form (or signed in, for their organisation).</summary>
public sealed record ConcernReport(
    Guid SubmissionId, string? PersonName, string? Address, string? Postcode, string? PersonDescription, string WhatSeen,
    ConcernUrgency Urgency, ReporterRelation Relation, string? RelationOther, string? ReporterName, string? ReporterPhone, string? ReporterEmail);

public enum IntakeStatus
{
    /// <summary>Stored: the reporter gets the receipt code.</summary>
    Received,

    /// <summary>This very form was stored before (sent twice); the code was shown then.</summary>
    AlreadyReceived,

    /// <summary>The database did not answer: nothing was stored, and the reporter must be told so.</summary>
    NotReceived,
}

public sealed record IntakeOutcome(IntakeStatus Status, string? Code = null, string? DistrictName = null, DateTime? ReportedAt = null);

public enum AdditionStatus
{
    Added,
    UnknownCode,
    TooMany,
    NotReceived,
}

/// <summary>Takes concerns in from anyone and lets the reporter add to one with the receipt code. Writes only: the
/// reporter can never read a concern back (the duty of confidentiality). Each concern and addition is recorded in the
/// access log with the concern's id, and a concern is either stored or the caller is told it was not.</summary>
public sealed class ConcernIntake(
    HuslyDbContext db, ResidentAccess access, DistrictRouting routing, TimeProvider clock, IOptions<ConcernOptions> options,
    ILogger<ConcernIntake> logger)
{
    public const int MaxAdditions = 20;
    public const string AnonymousReporter = "Melder uten innlogging";

    public async Task<IntakeOutcome> ReportAsync(ConcernReport report, CancellationToken ct)
    {
        var actor = Reporter();
        var code = ReceiptCode.New();
        var concern = new Concern
        {
            Id = Guid.CreateVersion7(),
            SubmissionId = report.SubmissionId,
            ReceiptHash = ReceiptCode.Hash(ReceiptCode.Normalise(code)!),
            ReportedAt = clock.GetUtcNow().UtcDateTime,
            PersonName = report.PersonName,
            Address = report.Address,
            Postcode = report.Postcode,
            PersonDescription = report.PersonDescription,
            WhatSeen = report.WhatSeen,
            Urgency = report.Urgency,
            Relation = report.Relation,
            RelationOther = report.Relation == ReporterRelation.Other ? report.RelationOther : null,
            ReporterName = report.ReporterName,
            ReporterPhone = report.ReporterPhone,
            ReporterEmail = report.ReporterEmail,
            ReporterUserId = actor.UserId == Guid.Empty ? null : actor.UserId,
            ReporterOrganisationId = actor.UserId == Guid.Empty ? null : actor.UnitId,
            Status = ConcernStatus.Received,
        };
        concern.DueAt = concern.ReportedAt + options.Value.TimeLimit(report.Urgency);
        concern.Record(ConcernEventKind.Received, concern.ReporterUserId, actor.Name, concern.ReportedAt, null);
        try
        {
            db.Database.SetCommandTimeout(options.Value.SaveTimeoutSeconds);
            concern.DistrictId = await routing.DistrictOfAsync(report.Postcode);
            db.Concerns.Add(concern);
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            db.ChangeTracker.Clear();
            var earlier = await db.Concerns.Where(c => c.SubmissionId == report.SubmissionId).Select(c => (DateTime?)c.ReportedAt).FirstOrDefaultAsync(ct);
            return earlier is null ? new IntakeOutcome(IntakeStatus.NotReceived) : new IntakeOutcome(IntakeStatus.AlreadyReceived, ReportedAt: earlier);
        }
        catch (Exception e) when (IsUnavailable(e, ct))
        {
            logger.LogError(e, "A concern could not be stored; the reporter was told it was not received");
            return new IntakeOutcome(IntakeStatus.NotReceived);
        }
        await LogAsync(actor, concern.Id, AccessActions.ConcernReported);
        var district = concern.DistrictId is { } id ? await db.Organisations.Where(o => o.Id == id).Select(o => o.Name).FirstOrDefaultAsync(ct) : null;
        return new IntakeOutcome(IntakeStatus.Received, code, district, concern.ReportedAt);
    }

    public async Task<(AdditionStatus Status, DateTime? ReportedAt)> AddAsync(string? typedCode, string text, CancellationToken ct)
    {
        var actor = Reporter();
        var normalised = ReceiptCode.Normalise(typedCode);
        try
        {
            db.Database.SetCommandTimeout(options.Value.SaveTimeoutSeconds);
            var hash = normalised is null ? null : ReceiptCode.Hash(normalised);
            var concern = hash is null ? null : await db.Concerns.FirstOrDefaultAsync(c => c.ReceiptHash == hash, ct);
            if (concern is null)
            {
                // Wrong codes are logged as refused: many in a row from one place is someone guessing.
                await LogAsync(actor, null, AccessActions.ConcernAddition, AccessOutcome.Denied);
                return (AdditionStatus.UnknownCode, null);
            }
            if (await db.ConcernAdditions.CountAsync(a => a.ConcernId == concern.Id, ct) >= MaxAdditions)
            {
                return (AdditionStatus.TooMany, concern.ReportedAt);
            }
            var now = clock.GetUtcNow().UtcDateTime;
            db.ConcernAdditions.Add(new ConcernAddition { Id = Guid.CreateVersion7(), ConcernId = concern.Id, At = now, Text = text });
            concern.Record(ConcernEventKind.Addition, actor.UserId == Guid.Empty ? null : actor.UserId, actor.Name, now, null);
            // New information on a closed concern must be read: it goes back to the queue with a new deadline. The reporter
            // is told the same as always (whether it was closed is not theirs to know).
            concern.ReopenForAddition(now, options.Value.TimeLimit(concern.Urgency));
            await db.SaveChangesAsync(ct);
            await LogAsync(actor, concern.Id, AccessActions.ConcernAddition);
            return (AdditionStatus.Added, concern.ReportedAt);
        }
        catch (Exception e) when (IsUnavailable(e, ct))
        {
            logger.LogError(e, "An addition to a concern could not be stored; the reporter was told it was not received");
            return (AdditionStatus.NotReceived, null);
        }
    }

    private CaseActor Reporter()
    {
        var actor = access.Actor;
        return actor.UserId == Guid.Empty ? actor with { Name = AnonymousReporter, Role = "" } : actor;
    }

    /// <summary>The concern is stored by now; a log that cannot be written must not make the reporter send it again.</summary>
    private async Task LogAsync(CaseActor actor, Guid? concernId, string action, AccessOutcome outcome = AccessOutcome.Granted)
    {
        try
        {
            await access.LogAsync([ResidentAccess.Entry(actor, null, action, outcome, concernId: concernId)], CancellationToken.None);
        }
        catch (Exception e) when (IsUnavailable(e, CancellationToken.None))
        {
            logger.LogError(e, "The access log entry {Action} for concern {ConcernId} could not be written", action, concernId);
        }
    }

    /// <summary>The database did not answer in time or at all (a timeout, a lock, a lost connection).</summary>
    private static bool IsUnavailable(Exception e, CancellationToken ct) =>
        e is DbException or DbUpdateException or TimeoutException
        || e.GetBaseException() is DbException or TimeoutException or System.Net.Sockets.SocketException
        || (e is OperationCanceledException && !ct.IsCancellationRequested);
}
