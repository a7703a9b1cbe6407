package org.seedcast.catalog.web;

import java.io.IOException;
import java.io.InputStream;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;
import org.seedcast.accounts.SeedcastUser;
import org.seedcast.catalog.Catalog;
import org.seedcast.catalog.Companions;
import org.seedcast.catalog.ConflictException;
import org.seedcast.catalog.EpisodeView;
import org.seedcast.catalog.InvalidInputException;
import org.seedcast.catalog.ShowView;
import org.seedcast.storage.MediaStore;
import org.seedcast.storage.RejectedMediaException;
import org.seedcast.storage.StoredMedia;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.RequestContextUtils;

/** The producers' pages: their shows, a show's episodes with the uploader, an episode's editor. */
@Controller
class StudioController {

    private static final Pattern STUDIO_PAGE = Pattern.compile("/studio/(episodes|shows)/[A-Za-z0-9_-]+");

    private final Catalog catalog;
    private final MediaStore mediaStore;
    private final StudioAudience audience;
    private final Companions companions;

    StudioController(Catalog catalog, MediaStore mediaStore, StudioAudience audience, Companions companions) {
        this.catalog = catalog;
        this.mediaStore = mediaStore;
        this.audience = audience;
        this.companions = companions;
    }

    @GetMapping("/studio")
    String index(@AuthenticationPrincipal SeedcastUser user, Model model) {
        List<ShowView> shows = catalog.showsManagedBy(user);
        model.addAttribute("shows", shows);
        List<EpisodeAudience> published = audience.of(shows);
        model.addAttribute("audience", published);
        model.addAttribute("traffic", audience.traffic(published.stream().map(EpisodeAudience::episodeId).toList()));
        return "studio/index";
    }

    @GetMapping("/studio/shows/new")
    String newShow(@AuthenticationPrincipal SeedcastUser user, Model model) {
        catalog.requireShowCreator(user);
        return showForm(model, new ShowForm(), false, Map.of());
    }

    @PostMapping("/studio/shows/new")
    String createShow(@ModelAttribute("form") ShowForm form, @AuthenticationPrincipal SeedcastUser user, Model model,
                      RedirectAttributes redirect) {
        try {
            ShowView show = catalog.createShow(form.details(), user);
            redirect.addFlashAttribute("success", "Created " + show.title() + ". Upload its first episode below.");
            return "redirect:/studio/shows/" + show.slug();
        } catch (InvalidInputException e) {
            return showForm(model, form, false, Map.of(e.field(), e.getMessage()));
        }
    }

    @GetMapping("/studio/shows/{slug}")
    String show(@PathVariable String slug, @AuthenticationPrincipal SeedcastUser user, Model model) {
        catalog.requireManager(slug, user);
        model.addAttribute("show", catalog.requireShow(slug));
        model.addAttribute("episodes", catalog.episodesFor(slug, user));
        model.addAttribute("maxUploadSize", mediaStore.maxUploadSize());
        return "studio/show";
    }

    @GetMapping("/studio/shows/{slug}/edit")
    String editShow(@PathVariable String slug, @AuthenticationPrincipal SeedcastUser user, Model model) {
        catalog.requireManager(slug, user);
        return showForm(model, ShowForm.of(catalog.requireShow(slug)), true, Map.of());
    }

    @PostMapping("/studio/shows/{slug}/edit")
    String updateShow(@PathVariable String slug, @ModelAttribute("form") ShowForm form,
                      @AuthenticationPrincipal SeedcastUser user, Model model, RedirectAttributes redirect) {
        form.setSlug(slug);
        form.setTorrentFormat(catalog.requireShow(slug).torrentFormat());
        try {
            catalog.updateShow(slug, form.details(), user);
            redirect.addFlashAttribute("success", "Saved.");
            return "redirect:/studio/shows/" + slug;
        } catch (InvalidInputException e) {
            return showForm(model, form, true, Map.of(e.field(), e.getMessage()));
        }
    }

    @PostMapping("/studio/shows/{slug}/artwork")
    String artwork(@PathVariable String slug, @RequestParam(required = false) MultipartFile artwork,
                   @AuthenticationPrincipal SeedcastUser user, RedirectAttributes redirect) throws IOException {
        catalog.requireManager(slug, user);
        if (artwork == null || artwork.isEmpty()) {
            redirect.addFlashAttribute("error", "Choose an image to upload.");
            return "redirect:/studio/shows/" + slug + "/edit";
        }
        try (InputStream in = artwork.getInputStream()) {
            StoredMedia image = mediaStore.importImage(in);
            catalog.replaceArtwork(slug, image, user);
            redirect.addFlashAttribute("success", "The artwork was replaced.");
        } catch (RejectedMediaException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/studio/shows/" + slug + "/edit";
    }

    @GetMapping("/studio/episodes/{id}")
    String episode(@PathVariable long id, @RequestParam(required = false) String uploaded,
                   @AuthenticationPrincipal SeedcastUser user, Model model) {
        EpisodeView episode = catalog.requireManagedEpisode(id, user);
        if (uploaded != null && !model.containsAttribute("success")) {
            model.addAttribute("success", "Upload complete: the episode is a draft until you publish it.");
        }
        return episodeForm(model, episode, EpisodeForm.of(episode), Map.of(), user);
    }

    /**
     * The episode's media facts and any browser warning, for the studio page to show once they are read
     * ({@code js/facts.js} asks while they are pending): the episode page's own rights, and one row read.
     */
    @GetMapping("/studio/episodes/{id}/facts")
    String facts(@PathVariable long id, @AuthenticationPrincipal SeedcastUser user, Model model) {
        model.addAttribute("episode", catalog.requireManagedEpisode(id, user));
        return "studio/episode-facts";
    }

    @PostMapping("/studio/episodes/{id}")
    String updateEpisode(@PathVariable long id, @ModelAttribute("form") EpisodeForm form,
                         @AuthenticationPrincipal SeedcastUser user, Model model, RedirectAttributes redirect) {
        EpisodeView episode = catalog.requireManagedEpisode(id, user);
        try {
            catalog.updateEpisode(id, form.details(), user);
            redirect.addFlashAttribute("success", "Saved.");
            return "redirect:/studio/episodes/" + id;
        } catch (InvalidInputException e) {
            return episodeForm(model, episode, form, Map.of(e.field(), e.getMessage()), user);
        }
    }

    @PostMapping("/studio/episodes/{id}/publish")
    String publish(@PathVariable long id, @AuthenticationPrincipal SeedcastUser user, RedirectAttributes redirect) {
        catalog.publish(id, null, user);
        redirect.addFlashAttribute("success", "Published.");
        return "redirect:/studio/episodes/" + id;
    }

    /**
     * {@code publishAt} is the wall-clock time of a {@code datetime-local} field; {@code zone} is the
     * browser's IANA time zone, which the page's script fills in. Without one (scripts off, an
     * unknown name) the server's zone is used.
     */
    @PostMapping("/studio/episodes/{id}/schedule")
    String schedule(@PathVariable long id, @RequestParam(required = false) String publishAt,
                    @RequestParam(required = false) String zone,
                    @AuthenticationPrincipal SeedcastUser user, RedirectAttributes redirect) {
        try {
            LocalDateTime when = LocalDateTime.parse(publishAt == null ? "" : publishAt);
            EpisodeView episode = catalog.publish(id, when.atZone(zoneOf(zone)).toInstant(), user);
            redirect.addFlashAttribute("success", episode.isPublished() ? "That time has passed, so it is published now."
                    : "Scheduled.");
        } catch (DateTimeParseException e) {
            redirect.addFlashAttribute("error", "Give a date and time to schedule the episode.");
        }
        return "redirect:/studio/episodes/" + id;
    }

    private static ZoneId zoneOf(String zone) {
        try {
            return zone == null || zone.isBlank() ? ZoneId.systemDefault() : ZoneId.of(zone);
        } catch (DateTimeException unknown) {
            return ZoneId.systemDefault();
        }
    }

    @PostMapping("/studio/episodes/{id}/unpublish")
    String unpublish(@PathVariable long id, @AuthenticationPrincipal SeedcastUser user, RedirectAttributes redirect) {
        catalog.withdraw(id, user);
        redirect.addFlashAttribute("success", "The episode is a draft again; fans no longer see it.");
        return "redirect:/studio/episodes/" + id;
    }

    @PostMapping("/studio/episodes/{id}/delete")
    String delete(@PathVariable long id, @AuthenticationPrincipal SeedcastUser user, RedirectAttributes redirect) {
        EpisodeView episode = catalog.requireManagedEpisode(id, user);
        try {
            catalog.deleteEpisode(id, user);
            redirect.addFlashAttribute("success", "Deleted " + episode.title() + " and its file.");
            return "redirect:/studio/shows/" + episode.showSlug();
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("error", e.getMessage());
            return "redirect:/studio/episodes/" + id;
        }
    }

    /**
     * A studio action that clashed with something (the same torrent held by another episode, a
     * concurrent change, a constraint) goes back to the page it came from with a readable message;
     * nothing was changed.
     */
    @ExceptionHandler({ConflictException.class, InvalidInputException.class, ConcurrencyFailureException.class,
            DataIntegrityViolationException.class})
    String refused(Exception e, HttpServletRequest request) {
        RequestContextUtils.getOutputFlashMap(request).put("error", refusal(e));
        return "redirect:" + pageOf(request.getRequestURI());
    }

    static String refusal(Exception e) {
        if (e instanceof ConflictException || e instanceof InvalidInputException) {
            return e.getMessage();
        }
        if (e instanceof ConcurrencyFailureException) {
            return "Someone changed this at the same moment; nothing was changed. Look at it again and retry.";
        }
        return "This change clashes with something saved meanwhile; nothing was changed. Look at it again and retry.";
    }

    /** {@code /studio/episodes/7/publish} → {@code /studio/episodes/7}: the page an action was sent from. */
    static String pageOf(String actionPath) {
        Matcher page = STUDIO_PAGE.matcher(actionPath == null ? "" : actionPath);
        return page.lookingAt() ? page.group() : "/studio";
    }

    private String showForm(Model model, ShowForm form, boolean editing, Map<String, String> errors) {
        model.addAttribute("form", form);
        model.addAttribute("editing", editing);
        model.addAttribute("errors", errors);
        if (!errors.isEmpty()) {
            model.addAttribute("error", "Please correct the field marked below.");
        }
        return "studio/show-form";
    }

    private String episodeForm(Model model, EpisodeView episode, EpisodeForm form, Map<String, String> errors,
                               SeedcastUser user) {
        model.addAttribute("episode", episode);
        model.addAttribute("show", catalog.requireShow(episode.showSlug()));
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("downloads", audience.downloads(episode.id()));
        model.addAttribute("traffic", audience.traffic(episode.id()));
        model.addAttribute("companions", companions.forEditing(episode.id(), user));
        if (!errors.isEmpty()) {
            model.addAttribute("error", "Please correct the field marked below.");
        }
        return "studio/episode";
    }
}
