using Husly.Features.Calls;
using Husly.Platform.Localization;

namespace Husly.Data.DemoData;

/// <summary>BOSin's calls: last year's (closed) and next year's (open now), dated from the day the demo is seeded so the
/// run command always shows an open call and a past one.</summary>
public static class DemoCalls
{
    public static Guid LastYear => DemoIds.For("call:bosin:last-year");
    public static Guid NextYear => DemoIds.For("call:bosin:next-year");

    public static IEnumerable<Call> All(DateTime utcNow)
    {
        var today = DateOnly.FromDateTime(Format.ToOslo(utcNow));
        var closes = today.AddDays(45);
        var opens = today.AddDays(-30);
        var year = closes.Year + (closes.Month >= 7 ? 1 : 0);
        yield return Bosin(NextYear, year, opens, closes, 15_000_000, published: utcNow.AddDays(-31));
        yield return Bosin(LastYear, year - 1, opens.AddYears(-1), closes.AddYears(-1), 12_000_000, published: utcNow.AddYears(-1).AddDays(-31));
    }

    private static Call Bosin(Guid id, int year, DateOnly opens, DateOnly closes, long budget, DateTime published)
    {
        var call = new Call
        {
            Id = id,
            ProgrammeId = DemoIds.Programme("BOSin"),
            Year = year,
            Title = $"BOSin {year}: nye løsninger for boligsosialt arbeid",
            Text = $"""
                Boligsosialt innovasjonsprogram (BOSin) inviterer bydeler og etater i Oslo kommune til å søke om midler for {year}.

                ## Hva vi støtter
                Vi støtter arbeid med **en boligsosial utfordring som ikke har en tilfredsstillende løsning i dag**. Prosjektet skal
                utvikle og prøve ut noe nytt sammen med brukerne, og dele det som læres, også det som ikke virker.

                ## Hva vi ikke støtter
                - ordinær drift
                - tiltak enheten ville gjennomført uansett

                ## Slik søker du
                Søknaden fylles ut i Husly og godkjennes av bydelsdirektøren før den sendes inn. Programmet gir veiledning
                underveis: ta kontakt tidlig.
                """,
            OpensAt = Format.OsloToUtc(opens, new TimeOnly(9, 0))!.Value,
            ClosesAt = Format.OsloToUtc(closes, new TimeOnly(12, 0))!.Value,
            BudgetFrame = budget,
            PublishedAt = published,
        };
        string[] criteria = ["Innovasjonshøyde", "Nytte for brukerne", "Gjennomførbarhet", "Overføringsverdi"];
        int[] weights = [30, 30, 20, 20];
        string[] descriptions =
        [
            "Hvor nytt er dette for Oslo kommune, og hvorfor strekker dagens løsninger ikke til?",
            "Hvor mye kan dette bety for dem det gjelder, og hvordan er brukerne med?",
            "Plan, ressurser, samarbeidspartnere og risiko.",
            "Kan andre bydeler og kommuner ta løsningen i bruk?",
        ];
        for (var i = 0; i < criteria.Length; i++)
        {
            call.Criteria.Add(new CallCriterion { Id = DemoIds.For($"call:{id}:criterion:{i}"), CallId = id, Name = criteria[i], Weight = weights[i], Description = descriptions[i], SortOrder = i });
        }
        call.Questions.Add(new EligibilityQuestion
        {
            Id = DemoIds.For($"call:{id}:question:0"),
            CallId = id,
            SortOrder = 0,
            YesDisqualifies = true,
            Text = "Er tiltaket en del av ordinær drift?",
            Explanation = "Programmet støtter ikke ordinær drift. Søknaden kan ikke få støtte.",
        });
        call.Questions.Add(new EligibilityQuestion
        {
            Id = DemoIds.For($"call:{id}:question:1"),
            CallId = id,
            SortOrder = 1,
            YesDisqualifies = true,
            Text = "Ville enheten gjennomført tiltaket uansett, uten støtte fra programmet?",
            Explanation = "Programmet støtter ikke det enheten ville gjort uansett. Søknaden kan ikke få støtte.",
        });
        return call;
    }
}
