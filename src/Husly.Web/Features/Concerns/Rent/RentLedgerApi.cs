using System.Security.Cryptography;
using System.Text;
using Husly.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Husly.Features.Concerns.Rent;

public sealed class RentImportOptions
{
    /// <summary>The key the landlord's system sends in X-Api-Key to drop a file; empty turns the API off.</summary>
    public string? ApiKey { get; set; }
}

/// <summary>The landlord's system drops a rent ledger file by API: POST the CSV as the body (text/csv) with the key in
/// X-Api-Key, get 202 with the import's address, and read its status and refused rows there. Errors are ProblemDetails.</summary>
internal static class RentLedgerApi
{
    public const string KeyHeader = "X-Api-Key";

    public sealed record Rejection(int Row, string Reason);

    public sealed record ImportStatusDto(Guid Id, string FileName, ImportStatus Status, int TotalRows, int ProcessedRows, int Added, int Updated,
        int Unchanged, int Rejected, int AlertsCreated, DateTime UploadedAt, DateTime? FinishedAt, string? Error, IReadOnlyList<Rejection> Rejections);

    public static IEndpointRouteBuilder MapRentLedgerApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/rent-ledger").WithTags("Rent ledger").AllowAnonymous().DisableAntiforgery();
        api.MapPost("/", async (HttpRequest request, RentImports imports, IOptions<RentImportOptions> options, CancellationToken ct) =>
        {
            if (Refusal(request, options.Value) is { } refused)
            {
                return refused;
            }
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer, ct);
            if (buffer.Length == 0)
            {
                return Problem(StatusCodes.Status400BadRequest, "Tom fil", "Send CSV-filen som innholdet i forespørselen (Content-Type: text/csv).");
            }
            var name = request.Headers["X-File-Name"].ToString() is { Length: > 0 } given ? given : $"api-{DateTime.UtcNow:yyyyMMdd-HHmmss}.csv";
            var started = await imports.StartAsync(name, buffer.ToArray(), "API", ct);
            if (started.Refusal is { } why)
            {
                return Problem(StatusCodes.Status400BadRequest, "Filen kan ikke leses", why);
            }
            var location = "/api/v1/rent-ledger/imports/" + started.ImportId;
            return started.AlreadyImported
                ? Problem(StatusCodes.Status409Conflict, "Filen er allerede importert", $"Den samme filen ble importert {started.UploadedAt:O}. Se {location}.")
                : Results.Accepted(location, new { id = started.ImportId, status = location });
        })
        .WithMetadata(new RequestSizeLimitAttribute(RentImports.MaxBytes))
        .Produces(StatusCodes.Status202Accepted).ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized)
        .ProducesProblem(StatusCodes.Status409Conflict)
        .WithSummary("Import a rent ledger file (CSV, docs/rent-ledger-format.md)");

        api.MapGet("/imports/{id:guid}", async (Guid id, HttpRequest request, HuslyDbContext db, IOptions<RentImportOptions> options, CancellationToken ct) =>
        {
            if (Refusal(request, options.Value) is { } refused)
            {
                return refused;
            }
            var import = await db.RentImports.AsNoTracking().FirstOrDefaultAsync(i => i.Id == id, ct);
            if (import is null)
            {
                return Problem(StatusCodes.Status404NotFound, "Fant ikke importen", null);
            }
            var rejections = await db.RentImportRejections.AsNoTracking().Where(r => r.ImportId == id).OrderBy(r => r.Row).Take(10_000)
                .Select(r => new Rejection(r.Row, r.Reason)).ToListAsync(ct);
            return Results.Ok(new ImportStatusDto(import.Id, import.FileName, import.Status, import.TotalRows, import.ProcessedRows, import.Added, import.Updated,
                import.Unchanged, import.Rejected, import.AlertsCreated, import.UploadedAt, import.FinishedAt, import.Error, rejections));
        })
        .Produces<ImportStatusDto>().ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status404NotFound)
        .WithSummary("An import's progress, counts and refused rows");
        return app;
    }

    /// <summary>No key configured, or a wrong one: the same answer either way, so the key cannot be probed.</summary>
    private static IResult? Refusal(HttpRequest request, RentImportOptions options)
    {
        var given = request.Headers[KeyHeader].ToString();
        if (string.IsNullOrEmpty(options.ApiKey) || given.Length == 0
            || !CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(given)), SHA256.HashData(Encoding.UTF8.GetBytes(options.ApiKey))))
        {
            return Problem(StatusCodes.Status401Unauthorized, "Mangler gyldig API-nøkkel", $"Send nøkkelen i {KeyHeader}.");
        }
        return null;
    }

    private static IResult Problem(int status, string title, string? detail) => Results.Problem(statusCode: status, title: title, detail: detail);
}
