using System.ComponentModel.DataAnnotations;
using Husly.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Husly.Features.Administration.Mail;

/// <summary>The outbox: every message Husly has written, its delivery status, newest first.</summary>
public sealed class IndexModel(HuslyDbContext db, IOptions<MailOptions> options) : PageModel
{
    public sealed record Row(Guid Id, DateTime CreatedAt, string To, string Subject, string Kind, MailStatus Status, int Attempts, DateTime? SentAt, string? LastError);

    private const int PageSize = 100;

    [BindProperty(SupportsGet = true)]
    [StringLength(200)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public MailStatus? Status { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    [Range(1, 10_000)]
    public int PageNumber { get; set; } = 1;

    public List<Row> Rows { get; private set; } = [];
    public Dictionary<MailStatus, int> Counts { get; private set; } = [];
    public int Total { get; private set; }
    public bool SmtpConfigured => options.Value.IsConfigured;
    public bool HasNext => PageNumber * PageSize < Total;

    public async Task OnGetAsync()
    {
        if (!ModelState.IsValid)
        {
            PageNumber = 1;
            Q = null;
        }
        Counts = await db.OutboxMessages.GroupBy(m => m.Status).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count);
        var query = db.OutboxMessages.AsNoTracking();
        if (Status is { } status)
        {
            query = query.Where(m => m.Status == status);
        }
        if (!string.IsNullOrWhiteSpace(Q))
        {
            var typed = Q.Trim();
            var term = typed.ToUpperInvariant();
            // SQLite's UPPER() folds only ASCII, so the text as typed is matched too (æ, ø, å).
#pragma warning disable CA1304, CA1311, CA1862 // translated to SQL UPPER()/LIKE, where culture does not apply
            query = query.Where(m => m.To.ToUpper().Contains(term) || m.Subject.ToUpper().Contains(term) || m.Subject.Contains(typed));
#pragma warning restore CA1304, CA1311, CA1862
        }
        Total = await query.CountAsync();
        Rows = await query.OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Select(m => new Row(m.Id, m.CreatedAt, m.To, m.Subject, m.Kind, m.Status, m.Attempts, m.SentAt, m.LastError))
            .ToListAsync();
    }

    public static string StatusText(MailStatus status) => status switch
    {
        MailStatus.Waiting => "Venter",
        MailStatus.Sent => "Sendt",
        _ => "Gitt opp",
    };
}
