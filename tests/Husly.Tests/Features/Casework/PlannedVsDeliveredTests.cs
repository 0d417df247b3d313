using Husly.Features.Casework.Decisions;

namespace Husly.Tests.Features.Casework;

public sealed class PlannedVsDeliveredTests
{
    private static readonly DateOnly Today = new(2026, 11, 25); // a Wednesday; its week starts Monday 23 November

    [Fact]
    public void Weeks_are_iso_weeks_newest_first_with_grants_prorated_by_the_days_they_cover()
    {
        var weeks = PlannedVsDelivered.Weeks(
            [new GrantedHours(new DateOnly(2026, 11, 19), null, 7)], // from Thursday the week before
            [(new DateOnly(2026, 11, 24), 2.5), (new DateOnly(2026, 11, 20), 1), (new DateOnly(2026, 11, 16), 4)],
            Today, 3);

        Assert.Equal([new DateOnly(2026, 11, 23), new DateOnly(2026, 11, 16), new DateOnly(2026, 11, 9)], weeks.Select(w => w.Monday));
        Assert.Equal([48, 47, 46], weeks.Select(w => w.WeekNumber));
        Assert.Equal([7, 4, 0], weeks.Select(w => w.Planned)); // Thursday–Sunday is 4 of 7 days
        Assert.Equal([2.5, 5, 0], weeks.Select(w => w.Delivered));
        Assert.Equal(2.5 / 7, weeks[0].Share);
        Assert.Null(weeks[2].Share);
    }

    [Fact]
    public void Drafts_grant_nothing_and_a_revoked_decision_grants_until_the_day_before()
    {
        var draft = new Decision { Status = DecisionStatus.Draft, ValidFrom = new DateOnly(2026, 1, 1) };
        draft.Services.Add(new DecisionService { Kind = ServiceKind.Training, HoursPerWeek = 5 });
        var revoked = new Decision { Status = DecisionStatus.Revoked, ValidFrom = new DateOnly(2026, 1, 1), RevokedOn = new DateOnly(2026, 11, 18) };
        revoked.Services.Add(new DecisionService { Kind = ServiceKind.Training, HoursPerWeek = 7 });

        Assert.Null(PlannedVsDelivered.Granted(draft));
        var grant = PlannedVsDelivered.Granted(revoked)!;
        Assert.Equal(new DateOnly(2026, 11, 17), grant.To);
        var weeks = PlannedVsDelivered.Weeks([grant], [], Today, 2);
        Assert.Equal([0, 2], weeks.Select(w => w.Planned)); // Monday and Tuesday of the week before
    }

    [Fact]
    public void A_decided_decision_reads_as_expired_after_its_period()
    {
        var decision = new Decision { Status = DecisionStatus.Decided, ValidFrom = new DateOnly(2026, 1, 1), ValidTo = new DateOnly(2026, 6, 30) };
        Assert.Equal(DecisionStatus.Decided, decision.StatusOn(new DateOnly(2026, 6, 30)));
        Assert.Equal(DecisionStatus.Expired, decision.StatusOn(new DateOnly(2026, 7, 1)));
    }
}
