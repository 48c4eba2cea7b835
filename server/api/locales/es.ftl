# La interfaz de Pulse en español (de Estados Unidos). Un mensaje por clave;
# el código rellena `{ $nombre }`. Las claves van a la par de en.ftl: una
# prueba las compara.

## Calendario
month-1 = enero
month-2 = febrero
month-3 = marzo
month-4 = abril
month-5 = mayo
month-6 = junio
month-7 = julio
month-8 = agosto
month-9 = septiembre
month-10 = octubre
month-11 = noviembre
month-12 = diciembre
weekday-1 = lunes
weekday-2 = martes
weekday-3 = miércoles
weekday-4 = jueves
weekday-5 = viernes
weekday-6 = sábado
weekday-7 = domingo
duration-days = { $n ->
    [one] { $n } día
    [many] { $n } de días
   *[other] { $n } días
    }
duration-hours = { $n ->
    [one] { $n } hora
    [many] { $n } de horas
   *[other] { $n } horas
    }
duration-minutes = { $n ->
    [one] { $n } minuto
    [many] { $n } de minutos
   *[other] { $n } minutos
    }
duration-under-a-minute = menos de un minuto

## El marco
title-suffix = { $title } · Pulse
noscript = Puede leer sin JavaScript; para comentar y votar, active JavaScript.
site-name = Pulse de { $city }
skip-to-content = Saltar al contenido
nav-account = Cuenta
nav-language = Idioma
account-link = { $name } (cuenta)
sign-in = Iniciar sesión
sign-out = Cerrar sesión
create-account = Crear cuenta
footer-shared = Pulse — los comentarios se comparten con los líderes de la ciudad.
about-this-site = Sobre este sitio
page-privacy = Aviso de privacidad
page-comment-policy = Normas de comentarios y moderación
page-accessibility = Declaración de accesibilidad
page-contact = Contacto
comments-are-public = Los comentarios y el nombre que elija son públicos, y pueden ser registros públicos. Su correo electrónico nunca se muestra.
page-not-shown = No se pudo mostrar esta página. Vuelva a cargarla.
loading = Cargando…
page-not-found = Página no encontrada
nothing-here = No hay nada en esta dirección.
see-all-topics = Ver todos los temas

## Hablar con el servidor
offline = No se pudo conectar con Pulse. Revise su conexión e inténtelo de nuevo.
unreadable-answer = Pulse envió una respuesta que esta página no pudo leer. Vuelva a cargarla.
error-status = Algo salió mal (error { $status }). Inténtelo de nuevo.
not-sent = No se pudo enviar.
not-signed-in-sign-in = No había iniciado sesión. Inicie sesión.
not-signed-in-try-again = No había iniciado sesión. Inténtelo de nuevo.

## Estados y etiquetas
status-upcoming = Próximos
status-open = Abiertos ahora
status-closed = Cerrados
status-upcoming-one = Próximo
status-open-one = Abierto ahora
status-closed-one = Cerrado
response-adopted = Adoptado
response-partly-adopted = Adoptado en parte
response-not-adopted = No adoptado
response-answered = Respondido
response-out-of-scope = Fuera del alcance
staff-topic-host = Personal de la ciudad · Anfitrión del tema
staff-city = Personal de la ciudad
former-participant = Antiguo participante
comments-count = { $n ->
    [one] { $n } comentario
    [many] { $n } de comentarios
   *[other] { $n } comentarios
    }

## Iniciar sesión y crear una cuenta
there-is-a-problem = Hay un problema
error-prefix = Error:
show-password = Mostrar la contraseña
enter-email = Escriba su correo electrónico.
enter-password = Escriba su contraseña.
enter-name = Escriba el nombre que aparecerá con sus comentarios.
email-address = Correo electrónico
password = Contraseña
signing-in = Iniciando sesión…
forgotten-password-link = ¿Olvidó su contraseña?
new-here = ¿Es nuevo aquí?
create-an-account = Cree una cuenta
create-account-title = Crear una cuenta
must-have-account = Necesita una cuenta para participar. Cualquiera puede leer.
name-with-comments = Nombre que aparece con sus comentarios
password-hint = Al menos { $n } caracteres.
creating-account = Creando su cuenta…
already-have-account = ¿Ya tiene una cuenta?
signed-in-as = Ha iniciado sesión como { $name }.
carry-on = Siga donde estaba

## La lista de temas
topics-title = Temas
topics-lead = Comparta su opinión sobre las iniciativas actuales de la ciudad. Participe con comentarios y encuestas; sus aportes se compartirán con los líderes de la ciudad.
topics-by-status = Temas por estado
loading-topics = Cargando los temas…
no-topics-upcoming = No hay temas próximos por ahora.
no-topics-open = No hay temas abiertos por ahora.
no-topics-closed = No hay temas cerrados por ahora.
topic-opens = Se abre el { $date }
topic-open-until = Abierto hasta el { $date }
topic-closed-on = Cerrado el { $date }

## Un tema
loading-topic = Cargando el tema…
topic-not-available = Tema no disponible
countdown-upcoming = Se abre en { $left }, el { $date }.
countdown-open = Se cierra en { $left }, el { $date }.
countdown-closed = Cerrado el { $date }.
topic-host-aside = Anfitrión del tema
draft-version = Versión { $n }
city-text-in-english = La ciudad publicó este tema en inglés y todavía no hay traducción. Puede comentar en su propio idioma.
draft-in-english = En inglés
city-text-translated = La ciudad tradujo este tema del inglés. Los comentarios se muestran tal como los escribieron sus autores.
read-original = Leer el original (en inglés)
reading-original = Este es el original, en inglés.
read-translation = Leer la traducción
deadline-passed-follow = El plazo para participar ya terminó. Para seguir las novedades,
subscribe-to-topic = suscríbase al tema
not-open-yet = Este tema todavía no está abierto. Puede leer el borrador ahora y participar cuando se abra.
must-have-account-short = Necesita una cuenta para participar.
or = o
sign-in-lower = inicie sesión
for-this-topic = Para este tema
host-tools = Herramientas del anfitrión
report-for-council = Informe para el concejo
preview-not-public = Vista previa: aún no es público
preview-who-sees = Solo los administradores y los anfitriones de este tema pueden ver esta página. Los residentes no pueden encontrarlo, leerlo ni participar hasta que se publique.
publish-topic = Publicar este tema
topic-now-public = Publicado: los residentes ya pueden encontrar este tema, leerlo y participar mientras esté abierto.
topic-as-whole = El tema en general
topic-as-whole-lower = el tema en general
comment-on-whole = Comente sobre el tema en general, más allá de una sección del borrador.
comment-on-whole-action = Comentar el tema en general
documents = Documentos
updates = Novedades
posted-on = Publicado el { $date }
dates = Fechas
add-to-calendar = Agregar estas fechas a su calendario
topic-host = Anfitrión del tema
host-role = Cargo
host-phone = Teléfono
host-email = Correo electrónico
introduction = Introducción
section-label = § { $number } { $heading }
comment-on-section = Comentar el § { $number }
comment-on-introduction = Comentar la introducción

## Los comentarios de una sección
more-comments-shown = Se muestran más comentarios.
comment-posted = Comentario publicado.
comments-on = Comentarios sobre { $place }
loading-comments = Cargando los comentarios…
no-comments-yet = Todavía no hay comentarios.
show-more-comments = Mostrar más comentarios
deadline-passed = El plazo para participar ya terminó.
comments-open-when-open = Los comentarios se abren cuando se abre el tema.
your-comment = Su comentario
your-reply = Su respuesta
sign-in-to-comment-lead = Necesita una cuenta para participar.
create-an-account-lower = cree una cuenta
to-comment = para comentar.
close-comments = Cerrar los comentarios
reply-to = Responder a { $name }
withdrawn-by-author = Retirado por su autor.
hidden-by-host-mine = Ocultado por el anfitrión del tema: { $reason }. Solo usted puede ver su texto abajo.
hidden-by-host = Ocultado por el anfitrión del tema: { $reason }
official-response-from-host = Respuesta oficial del anfitrión del tema
official-response = Respuesta oficial
edited-mark = · editado
flagged-thanks = Denunciado. Gracias: el anfitrión del tema lo revisará.
agree-count = De acuerdo · { $n }
disagree-count = En desacuerdo · { $n }
agree-disagree = { $agree } de acuerdo · { $disagree } en desacuerdo
edit = Editar
withdraw = Retirar
flag-to-host = Denunciar al anfitrión
edit-your-comment = Edite su comentario
save-changes = Guardar los cambios
cancel = Cancelar
withdraw-your-comment = Retirar su comentario
withdraw-confirm = ¿Retirar este comentario? En su lugar aparecerá una nota que dice que usted lo retiró.
withdraw-it = Retirarlo
keep-it = Conservarlo
what-is-wrong = ¿Qué problema tiene este comentario?
send-flag = Enviar la denuncia
characters-left = { $n ->
    [one] Queda { $n } carácter.
    [many] Quedan { $n } de caracteres.
   *[other] Quedan { $n } caracteres.
    } Puede usar Markdown: **negrita**, *cursiva*, listas.
select-words-first = Primero seleccione algunas palabras del texto de esta sección.
quote-optional = Citar palabras de esta sección (opcional)
quote-words = Las palabras a las que responde
quote-selected = Citar las palabras seleccionadas en el texto
quote-not-found = Esas palabras no están en esta sección. Cítelas tal como están escritas.
posting = Publicando…
post-reply = Publicar la respuesta
post-comment = Publicar el comentario

## Encuestas
results-after-close = Los resultados se muestran cuando se cierra el tema.
results-after-voting = Los resultados se muestran después de que vote.
polls = Encuestas
vote-recorded = Su voto quedó registrado.
choose-before-voting = Elija una opción antes de votar.
sign-in-to-vote = Inicie sesión para votar
choose-any = Elija todas las que correspondan
choose-one = Elija una
change-my-vote = Cambiar mi voto
vote = Votar
results = Resultados
your-choice = (su elección)
votes-count = { $n ->
    [one] { $n } voto
    [many] { $n } de votos
   *[other] { $n } votos
    }
ballots-count = { $n ->
    [one] { $n } papeleta emitida
    [many] { $n } de papeletas emitidas
   *[other] { $n } papeletas emitidas
    }
share-rule-one = Cada porcentaje es sobre las papeletas emitidas.
share-rule-several = Cada porcentaje es sobre las papeletas emitidas; una papeleta puede elegir varias opciones, así que los porcentajes pueden sumar más de 100 %.
of-them-staff = , { $n } de ellas del personal de la ciudad

## Seguir un tema
one-email-a-day-long = Un correo al día, no uno por aviso
also-comments-in = También cada comentario nuevo en
no-section = Ninguna sección
follow-topic = Seguir este tema
follow-lead = Reciba por correo las novedades del anfitrión, un recordatorio 48 horas antes del cierre y los resultados.
feed-reader = O sígalo en un lector de noticias:
updates-atom = novedades (Atom)
dates-calendar = fechas para su calendario
subscribed-daily = Está suscrito: un correo al día.
subscribed = Está suscrito.
with-comments-in = Con cada comentario nuevo en { $place }.
manage-on-account = Gestiónelo en la página de su cuenta
unsubscribe = Cancelar la suscripción
subscribe = Suscribirse
subscribe-by-email = Suscribirse por correo
your-email = Su correo electrónico
confirm-hint = Le enviamos un enlace para confirmarlo. Nada más, y nunca se muestra a nadie.

## La página de la cuenta
your-account = Su cuenta
confirmed = (confirmado)
not-confirmed = (sin confirmar todavía)
signed-in-elsewhere = ¿Inició sesión en otro lugar?
sign-out-everywhere-lead = Si inició sesión en un teléfono que perdió o en una computadora que usan otras personas, cierre la sesión en todos los dispositivos. Necesitará su contraseña para volver a entrar.
sign-out-everywhere = Cerrar sesión en todas partes
not-signed-in = No ha iniciado sesión.
confirm-address-lead = Algunos temas piden un correo confirmado antes de participar. Le enviamos un enlace cuando creó su cuenta.
send-link-again = Enviar el enlace otra vez
topics-you-follow = Temas que sigue
follow-none = Ninguno todavía. En la página de un tema, «Seguir este tema» le envía sus novedades por correo.
one-email-a-day = Un correo al día
stop-new-comments-of = Dejar de recibir los comentarios nuevos de { $place } en { $topic }
stop-new-comments = Dejar de recibir los comentarios nuevos
unsubscribe-from = Cancelar la suscripción a { $topic }
save-how-often = Guardar
save-how-often-for = Guardar con qué frecuencia para { $topic }
following-saved = Guardado. La lista de abajo es cómo sigue los temas ahora.
new-link-on-its-way = Un enlace nuevo va en camino a { $email }. Funciona durante 7 días.

## Cambiar la cuenta
my-activity = Mi actividad
no-comments-of-mine = Todavía no ha comentado.
no-ballots-of-mine = Todavía no ha votado.
hidden-by-host-short = (ocultado por el anfitrión del tema)
my-comment-on = Su comentario sobre { $topic }
my-reply-on = Su respuesta sobre { $topic }
your-comments = Sus comentarios
your-votes = Sus votos
change-name-title = Su nombre
name-changed = Su nombre cambió, también en sus comentarios.
save-name = Guardar el nombre
mail-language-title = El idioma de sus correos
mail-language = Idioma de los correos
mail-language-hint = Los avisos, las confirmaciones y los cambios de contraseña se escriben en él, y sus enlaces abren Pulse en él.
mail-language-saved = Guardado: Pulse le escribirá en este idioma.
save-mail-language = Guardar el idioma
change-email-title = Su correo electrónico
new-email = Correo electrónico nuevo
new-email-hint = Le enviamos un enlace para confirmarlo. Los avisos irán a la dirección nueva.
current-password = Contraseña actual
email-changed = Su dirección ahora es { $email }. Abra el enlace que le enviamos allí para confirmarla.
save-email = Cambiar la dirección
change-password-title = Su contraseña
password-changed-here = Su contraseña cambió. Se cerró su sesión en sus otros dispositivos.
save-password = Cambiar la contraseña
delete-title = Eliminar su cuenta
delete-lead = Se borran su correo electrónico y su nombre, y se cierra su sesión en todas partes. Sus votos siguen contando, sin vínculo con nadie. No se puede deshacer.
delete-comments-legend = ¿Qué debe pasar con sus comentarios?
delete-withdraw = Retirarlos: en su lugar aparecerá una nota que dice que se retiraron
delete-keep = Conservarlos, con el nombre «Antiguo participante»
choose-comments = Elija qué debe pasar con sus comentarios.
delete-button = Eliminar mi cuenta
account-deleted = Su cuenta fue eliminada.

## Páginas que abre un correo
confirming = Confirmando…
confirm-subscription-title = Confirme su suscripción
your-subscription = Su suscripción
subscribed-to = Está suscrito a «{ $topic }». Los avisos llegarán por correo; cada uno tiene un enlace para dejar de recibirlos.
go-to = Ir a { $topic }
confirm-email-title = Confirme su correo electrónico
your-email-address = Su correo electrónico
email-confirmed = Su correo electrónico está confirmado. Gracias.
go-to-topics = Ir a los temas
unsubscribe-lead = ¿Dejar de recibir los avisos por correo sobre este tema? Puede volver a suscribirse desde la página del tema cuando quiera.
subscribe-again = Volver a suscribirse
unsubscribing = Cancelando la suscripción…
unsubscribed-from = Canceló su suscripción a «{ $topic }»: no le llegarán más avisos.

## Una contraseña olvidada
forgotten-password = Contraseña olvidada
forgotten-lead = Escriba el correo electrónico de su cuenta. Le enviaremos un enlace para elegir una contraseña nueva; funciona una vez, durante una hora.
reset-link-sent = Si una cuenta tiene esa dirección, le llega un enlace para elegir una contraseña nueva. Funciona una vez, durante una hora.
subscription-link-sent = Si esa dirección puede recibir correo, le llega un mensaje: siga su enlace para empezar su suscripción.
sending = Enviando…
send-me-a-link = Enviarme un enlace
back-to-sign-in = Volver a iniciar sesión
choose-new-password = Elija una contraseña nueva
password-changed = Su contraseña cambió y se cerró su sesión en todas partes.
sign-in-with-new = Inicie sesión con su contraseña nueva
new-password = Contraseña nueva
saving = Guardando…
save-new-password = Guardar la contraseña nueva

## Las herramientas del anfitrión
host-tools-for = Herramientas del anfitrión: { $topic }
sign-in-as-host = Inicie sesión como anfitrión del tema
flagged-by-residents = Denunciados por residentes ({ $n })
no-flagged = Ningún comentario espera una decisión.
awaiting-response = Esperan una respuesta oficial ({ $n })
all-answered = Todos los comentarios tienen una respuesta oficial.
hidden-count = Ocultos ({ $n })
none-hidden = Ningún comentario está oculto.
new-topic = Nuevo tema
new-topic-lead = Todos los campos de un tema. Se guarda como una vista previa que solo ven los administradores y sus anfitriones, salvo que lo publique de inmediato; puede publicarlo desde su vista previa.
new-topic-about = El tema
new-topic-when = Cuándo participan los residentes
new-topic-host = Su anfitrión, tal como lo ven los residentes
new-topic-taking-part = Participación
new-topic-draft = El borrador
new-topic-spanish = En español (opcional)
new-topic-spanish-lead = Para quienes leen Pulse en español. Una traducción necesita su título y su resumen; su borrador es opcional y tiene las secciones del borrador una a una, en el mismo orden y con los mismos niveles de encabezado.
field-title-es = Título en español
field-summary-es = Resumen en español
field-draft-title-es = Título del borrador en español
field-draft-es = El borrador en español
field-draft-es-hint = Markdown, con los encabezados del borrador en el mismo orden y con los mismos niveles. Una vez publicado el tema, traduce la versión actual.
new-topic-dates-later = Las fechas clave (una reunión del concejo, una audiencia pública) se añaden en la página de edición del tema una vez guardado.
field-title = Título
field-slug = Dirección
field-slug-hint = Minúsculas, dígitos y guiones: la página del tema es /topics/ seguido de ella (body-worn-cameras).
field-summary = Resumen
field-markdown-hint = Markdown: **negrita**, [un enlace](https://…), listas con «- ».
field-time-zone = Zona horaria
field-time-zone-hint = Donde la ciudad lleva su reloj (America/Chicago); las fechas de abajo están en él.
field-opens = Se abre
field-closes = Se cierra
field-on-topic-clock = En el reloj del tema, sea cual sea la zona horaria de esta computadora.
field-host-name = Nombre
field-host-role = Cargo
field-host-phone = Teléfono (opcional)
field-host-email = Correo (opcional)
field-results-rule = Los resultados de las encuestas se muestran
rule-always = En todo momento
rule-after-voting = A quienes votaron, y a todos tras el cierre
rule-after-close = Tras el cierre
field-verified-email = Para participar se necesita una dirección de correo confirmada (una persona, una voz)
field-polls = Encuestas (opcional)
field-polls-hint = Una encuesta por párrafo: la pregunta en su primera línea, luego cada opción en su propia línea empezando con «- ». Añada [multiple] tras la pregunta para varias opciones, y [section: su-ancla] para una encuesta sobre una sección. Para su versión en español, una línea «[es] » con la pregunta y luego sus opciones en el mismo orden.
field-documents = Documentos (opcional)
field-documents-hint = Uno por línea: su título, una barra vertical, su dirección (Ordenanza actual | https://…).
field-draft-title = El título del borrador
field-draft = El borrador
field-draft-hint = Markdown. Cada encabezado (## Propósito) empieza una sección numerada que los residentes comentan.
draft-preview = El borrador tal como lo verán los residentes
draft-preview-hint = Sus secciones, numeradas, cada una con el ancla que usan su dirección y sus comentarios.
draft-preview-empty = Escriba el borrador arriba para ver aquí sus secciones.
field-publish-at-once = Publicar de inmediato (si no, se guarda como vista previa)
save-topic = Guardar el tema
admin-link = Temas (administración)
admin-topics = Temas
admin-by-status = Temas por estado
admin-all-topics = Todos
admin-unpublished = Aún no publicados
admin-unpublished-one = Aún no publicado
admin-no-topics = Ningún tema aquí.
admin-dates = Del { $opens } al { $closes }
admin-hosts = Anfitriones
admin-no-hosts = Aún no hay anfitrión: nombre uno, para que se respondan los comentarios.
admin-remove-host = Quitar a { $email } como anfitrión
admin-host-email = La dirección de correo de un anfitrión
admin-host-name = Su nombre, si aún no tiene cuenta
admin-host-name-hint = Se crea una cuenta y se le envía un enlace para elegir su contraseña (sirve una vez, durante una semana).
admin-add-host = Nombrar anfitrión
host-added = Anfitrión nombrado.
host-removed = Anfitrión quitado.
host-desk = Su escritorio
your-desk = Su escritorio
desk-counts = { $flagged ->
    [one] 1 comentario marcado
    [many] { $flagged } de comentarios marcados
   *[other] { $flagged } comentarios marcados
    } y { $unanswered ->
    [one] 1 en espera de una respuesta oficial
    [many] { $unanswered } de comentarios en espera de una respuesta oficial
   *[other] { $unanswered } en espera de una respuesta oficial
    }, en los temas que usted anfitriona.
topic-page = La página del tema
all-your-topics = Todos sus temas
desk-filters = Filtrar los comentarios
desk-topic = Tema
desk-all-topics = Todos sus temas
desk-topic-option = { $title } ({ $flagged } marcados, { $unanswered } en espera)
desk-section = Sección
desk-all-sections = Todas las secciones
desk-show-label = Mostrar
desk-show-attention = Los que requieren atención (marcados o en espera de respuesta)
desk-show-flagged = Marcados
desk-show-unanswered = En espera de una respuesta oficial
desk-show-answered = Respondidos
desk-show-hidden = Ocultos
desk-show-all = Todos los comentarios
desk-status = Estado de la respuesta
desk-any-status = Cualquier estado
desk-sort-label = Orden
desk-sort-priority = Primero los marcados, luego los que más esperan
desk-sort-newest = Los más recientes primero
desk-sort-oldest = Los más antiguos primero
desk-sort-agreed = Con más acuerdos
desk-sort-flags = Con más marcas
desk-quoted = Solo los comentarios que citan el borrador
desk-apply = Mostrar estos
desk-showing = { $n ->
    [one] 1 comentario
    [many] { $n } de comentarios
   *[other] { $n } comentarios
    }
desk-empty = Ningún comentario coincide: aquí no hay nada pendiente.
desk-pages = Páginas de comentarios
desk-newer-page = Página anterior
desk-older-page = Página siguiente
desk-page-of = Página { $page } de { $pages }
open-thread = Abrir su conversación
choose-status = Elija…
choose-response-status = Elija qué dice la respuesta sobre el comentario: adoptado, adoptado en parte, no adoptado, respondido o fuera de alcance.
badge-flags = { $n ->
    [one] 1 marca
    [many] { $n } de marcas
   *[other] { $n } marcas
    }
badge-answered = Respondido: { $status }
badge-awaiting = En espera de respuesta
badge-hidden = Oculto
audit-title = Lo que hicieron los anfitriones y administradores
audit-comment = comentario { $id }
audit-by = por
audit-hide = Comentario ocultado
audit-restore = Comentario restaurado
audit-dismiss = Señalamientos descartados, comentario mantenido
audit-respond = Respuesta oficial
audit-add-date = Fecha agregada
audit-remove-date = Fecha quitada
audit-create-topic = Tema creado
audit-edit-topic = Tema modificado
audit-publish-topic = Tema publicado
audit-invite-account = Cuenta invitada
audit-publish-record-head = Estado del registro público publicado
audit-reset-password = Contraseña restablecida por el operador
audit-delete-account = Cuenta eliminada por el operador
audit-post-update = Novedad publicada
audit-grant-host = Anfitrión agregado
audit-revoke-host = Anfitrión quitado
audit-create-account = Cuenta creada
audit-create-admin = Administrador creado
audit-publish-revision = Borrador revisado publicado
comment-hidden = Comentario ocultado.
comment-restored = Comentario restaurado.
flags-dismissed = Denuncias descartadas; el comentario se mantiene.
response-posted = Respuesta oficial publicada.
comment-by-on = Comentario de { $name } sobre { $place }
on-place = sobre
hidden-reason = Oculto: { $reason }
flagged-reason = Denunciado: { $reason }
flag-decided = (decidido)
restore = Restaurar
hide-reason = Motivo para ocultarlo (se muestra en su lugar)
hide = Ocultar
keep-dismiss = Mantenerlo y descartar las denuncias
your-answer = Su respuesta (Markdown)
post-official-response = Publicar la respuesta oficial
update-posted = Novedad publicada.
post-an-update = Publicar una novedad
update-heading = Título
update-text = Texto (Markdown)
update-in-spanish = También en español (opcional)
update-heading-es = Título en español
update-text-es = Texto en español (Markdown)
post-update = Publicar la novedad
date-added = Fecha agregada.
date-removed = Fecha eliminada.
give-date = Indique la fecha y la hora.
dates-lead = Reuniones del concejo y audiencias que los residentes deben conocer: aparecen en la página del tema y en su calendario.
no-dates = Todavía no hay fechas.
remove-date = Eliminar { $title }
remove = Eliminar
date-what = Qué
date-when-in = Cuándo, en el reloj del tema ({ $zone })
date-when-hint = Indique la hora tal como la leerán en { $zone }, sea cual sea la zona horaria de esta computadora.
date-fold = Esa noche los relojes se atrasan: ¿cuál de las dos horas?
date-fold-choose = Elija…
date-fold-earlier = La primera (antes de atrasar los relojes)
date-fold-later = La segunda (después de atrasar los relojes)
date-where = Dónde (opcional)
add-date = Agregar la fecha

## El informe para el concejo
loading-report = Cargando el informe…
back-to-topic = Volver al tema
report-title = Informe: { $topic }
report-heading = Informe para el concejo: { $topic }
report-meta = { $status } · abierto del { $opens } al { $closes } · versión del borrador { $version } · generado el { $generated }
report-record-head = Elaborado a partir del registro público tal como estaba en la entrada { $position }, cuyo hash es
download-csv = Descargar todos los comentarios (CSV)
print-report = Imprimir este informe
participation = Participación
participants = Participantes
comments = Comentarios
ballots = Papeletas emitidas
reactions = Marcas de acuerdo y desacuerdo
flags-by-residents = Denuncias de residentes
comments-flagged = Comentarios denunciados
hidden-by-host-figure = Ocultados por el anfitrión
withdrawn-figure = Retirados por sus autores
edited-figure = Editados por sus autores
official-responses = Respuestas oficiales
comments-by-section = Comentarios por sección
col-section = Sección
col-comments = Comentarios
col-hidden = Ocultos
col-withdrawn = Retirados
col-answered = Respondidos
col-agree = De acuerdo
col-disagree = En desacuerdo
moderation = Moderación
comments-and-responses = Comentarios y respuestas
state-hidden = · ocultado por el anfitrión: { $reason }
state-withdrawn = · retirado por su autor
report-comment-meta = · { $author }{ $staff } · { $date }{ $edited }{ $state } · { $agree } de acuerdo, { $disagree } en desacuerdo
official-response-status = Respuesta oficial · { $status }:
option-votes = { $label }: { $votes ->
    [one] { $votes } voto
    [many] { $votes } de votos
   *[other] { $votes } votos
    }, { $percent } % de las papeletas
ballots-by-staff = { $ballots }, { $staff } del personal de la ciudad
ballots-plain = { $n ->
    [one] { $n } papeleta
    [many] { $n } de papeletas
   *[other] { $n } papeletas
    }

## Finding the way on a topic's page
contents = Contenido
contents-of-draft = El borrador, sección por sección
hosted-by = Anfitrión: { $name }, { $role }
contact-host = Contacto
read-whole-update = Leer la actualización completa
copy-link = Copiar el enlace
copy-link-to = Copiar el enlace a { $place }
link-copied = Enlace copiado.
link-not-copied = No se pudo copiar el enlace: ahora está en la barra de direcciones.
receipt-line = Comprobante { $position }
copy-receipt = Copiar comprobante
copy-receipt-named = Copiar comprobante { $position }
receipt-copied = Comprobante copiado.
receipt-not-copied = No se pudo copiar el comprobante; aquí está entero: { $receipt }
share-topic = Compartir este tema
poll-in-section = Encuesta sobre esta sección

## What the shared checks say (the app and the server)
email-invisible = Una dirección de correo no puede tener caracteres invisibles. Escríbala de nuevo a mano.
email-too-long = Una dirección de correo puede tener como máximo { $max } caracteres.
email-like = Escriba una dirección de correo como nombre@ejemplo.com.
name-too-long = Un nombre puede tener como máximo { $max } caracteres.
name-control = Un nombre no puede tener caracteres de control.
name-bidi = Un nombre no puede tener caracteres que cambien la dirección del texto.
name-invisible = Un nombre no puede tener caracteres invisibles.
name-unreadable = Un nombre necesita letras o números que la gente pueda leer.
name-mixed-scripts = “{ $word }” mezcla letras de los alfabetos { $first } y { $other }, lo que puede hacer que un nombre parezca el de otra persona. Use un solo alfabeto en cada palabra.
name-claims-role = Un nombre no puede decir “host”, “staff”, “moderator”, “admin”, “official” ni “City of”: Pulse marca al personal de la ciudad según su función. Use su propio nombre.
name-encoded = Un nombre no puede contener “=?”: los programas de correo lo leen como código. Use su propio nombre.
password-too-short = Elija una contraseña de al menos { $min } caracteres.
password-too-long = Una contraseña puede tener como máximo { $max } caracteres.
comment-empty = Escriba algo antes de publicar su comentario.
comment-too-long = Un comentario puede tener como máximo { $max } caracteres; este tiene { $count }.
comment-control = Un comentario no puede tener caracteres de control.
text-missing = Escriba { $what }.
text-too-long = Como máximo { $max } caracteres en { $what }; este tiene { $count }.
text-control = No puede haber caracteres de control en { $what }.
what-reason = un motivo
what-title = un título
what-text = el texto
title-one-line = Un título ocupa una sola línea.
quote-empty = El pasaje citado está vacío.
quote-too-long = Un pasaje citado puede tener como máximo { $max } caracteres.
quote-context-too-long = El contexto de un pasaje citado puede tener como máximo { $max } caracteres a cada lado.
quote-control = Un pasaje citado no puede tener caracteres de control.

# How a section of a revised draft came from the version before.
change-unchanged = Sin cambios
change-edited = Modificada
change-renamed = Con otro título
change-moved = Movida
change-split = Dividida
change-merged = Unida a otra
change-added = Nueva
change-removed = Eliminada

# A draft that changes: versions, what changed, and where comments stand.
version-current = Versión { $n } del borrador, publicada el { $date }.
what-changed = Qué cambió
why-it-changed = Por qué cambió
version-old = Esta es la versión { $n } de { $latest }, tal como se publicó el { $date }.
read-current-version = Leer la versión actual
version-old-comments = Los comentarios se hacen sobre la versión actual; los escritos sobre esta se muestran allí, donde está su texto ahora.
translation-of-version = La traducción es de la versión { $n }: esta versión se muestra tal como la escribió la ciudad.
read-translated-version = Leer la versión { $n } traducida
earlier-count = { $n ->
    [one] { $n } de una versión anterior
    [many] { $n } de versiones anteriores
   *[other] { $n } de versiones anteriores
    }
written-on-version = Escrito sobre la versión { $n }
written-on-changed = Escrito sobre la versión { $n }, sobre esta redacción:
written-on-removed = Escrito sobre la versión { $n }, sobre una sección ya eliminada:
led-to-change = Este comentario llevó a un cambio en la versión { $version }:
see-section = vea la § { $number }
see-introduction = vea la introducción
landed-in = En la versión { $version }, § { $number }
removed-comments = Comentarios sobre secciones eliminadas
removed-comments-intro = Estos comentarios se escribieron sobre secciones que una versión posterior del borrador ya no tiene. Cada uno muestra el texto sobre el que se escribió.
removed-comments-action = Leer los comentarios sobre secciones eliminadas
changes-title = Qué cambió en la versión { $n }
changes-intro = La versión { $n } del borrador, publicada el { $date }, comparada con la versión { $previous }. Las palabras añadidas están subrayadas y las eliminadas, tachadas.
changes-from = De { $list }
changes-was-heading = Antes «{ $heading }»
changes-unchanged = { $n ->
    [one] { $n } sección sin cambios
    [many] { $n } de secciones sin cambios
   *[other] { $n } secciones sin cambios
    }
changes-removed = Secciones eliminadas
changes-led-by = Comentarios que llevaron a este cambio
diff-added = añadido:
diff-removed = eliminado:
diff-end = fin
read-version = Leer la versión { $n } completa
report-page = Página
report-summary = Resumen de lo que se escuchó
report-summary-people = { $participants ->
    [one] Participó 1 persona
    [many] Participaron { $participants } de personas
   *[other] Participaron { $participants } personas
    }, con { $comments ->
    [one] 1 comentario
    [many] { $comments } de comentarios
   *[other] { $comments } comentarios
    } ({ $replies ->
    [one] 1 de ellos una respuesta
    [many] { $replies } de ellos respuestas
   *[other] { $replies } de ellos respuestas
    }).
report-summary-busiest = Lo más comentado: { $sections }.
report-summary-poll = «{ $question }»: la mayoría eligió «{ $option }» ({ $percent } % de { $ballots }).
report-summary-responses = { $n ->
    [one] 1 respuesta oficial
    [many] { $n } de respuestas oficiales
   *[other] { $n } respuestas oficiales
    }: { $statuses }.
report-summary-no-responses = Ningún comentario tiene aún una respuesta oficial.
report-summary-revisions = { $n ->
    [one] 1 borrador revisado cambió
    [many] { $n } de borradores revisados cambiaron
   *[other] { $n } borradores revisados cambiaron
    } { $changes ->
    [one] 1 sección
    [many] { $changes } de secciones
   *[other] { $changes } secciones
    }; { $adopted ->
    [one] se adoptó 1 comentario
    [many] se adoptaron { $adopted } de comentarios
   *[other] se adoptaron { $adopted } comentarios
    }, total o parcialmente.
report-heard-changed = Qué escuchamos, qué cambiamos
report-revision = Versión { $n }, publicada el { $date }
report-led-by = Comentarios que llevaron a ello:
report-adopted = Comentarios adoptados, y dónde quedaron
report-adopted-none = Ningún comentario tiene todavía una respuesta que diga que se adoptó.
now-carried = sus palabras siguen sin cambios en la versión actual
now-moved = sus palabras están en { $place } de la versión actual
now-changed = las palabras sobre las que trataba cambiaron
now-removed = su sección se eliminó
poll-from-version = De la versión { $n }: su sección se eliminó después.

## Publishing a revision in the browser

revise-title = Revisar el borrador
revise-link = Revisar el borrador
revise-lead = La versión { $version } es el borrador actual. Edítelo abajo, o pegue el nuevo borrador encima, y compare: verá qué cambió y qué pasa con los comentarios antes de que se publique nada.
revise-draft = El nuevo borrador
revise-draft-hint = Markdown. Los títulos (#, ##) forman las secciones que los residentes comentan. Una sección cuyo título se mantiene conserva sus comentarios; las secciones renombradas, movidas, divididas y fusionadas se llevan los suyos.
revise-note = Por qué cambió
revise-note-hint = Se muestra a los residentes sobre los cambios (Markdown). Necesario para publicar, no para comparar.
revise-compare = Comparar con la versión { $version }
revise-publish = Publicar la versión { $version }
revise-stale = El borrador cambió desde que se comparó. Compárelo de nuevo para publicarlo.
revise-stale-sent = El borrador se cambió después de compararlo, así que no se publicó. Esta es la comparación del borrador tal como está ahora.
revise-effect-title = Qué haría publicar la versión { $version }
revise-comments = { $n ->
    [one] { $n } comentario sigue al borrador:
    [many] { $n } de comentarios siguen al borrador:
   *[other] { $n } comentarios siguen al borrador:
    }
revise-carried = { $n ->
    [one] { $n } se mantiene (su sección y su cita no cambian)
    [many] { $n } de ellos se mantienen (su sección y su cita no cambian)
   *[other] { $n } se mantienen (su sección y su cita no cambian)
    }
revise-moved = { $n ->
    [one] { $n } trasladado (a una sección renombrada, movida, dividida o fusionada)
    [many] { $n } de ellos trasladados (a una sección renombrada, movida, dividida o fusionada)
   *[other] { $n } trasladados (a una sección renombrada, movida, dividida o fusionada)
    }
revise-changed = { $n ->
    [one] { $n } cambiado (cambiaron las palabras que comenta)
    [many] { $n } de ellos cambiados (cambiaron las palabras que comentan)
   *[other] { $n } cambiados (cambiaron las palabras que comentan)
    }
revise-removed = { $n ->
    [one] { $n } en una sección eliminada
    [many] { $n } de ellos en secciones eliminadas
   *[other] { $n } en secciones eliminadas
    }
revise-section-note = Por qué cambió { $section } (opcional)
revise-link-comments = Comentarios que llevaron a este cambio
revise-no-comments = Ningún comentario está en esta sección.

## A topic's edit form

edit-topic-title = Editar un tema
edit-topic = Editar «{ $title }»
edit-topic-link = Editar
edit-topic-lead = Cambie lo que los residentes leen sobre el tema y cuándo participan. Se guarda enseguida, esté publicado o no.
field-slug-fixed = (la dirección de un tema no cambia: hay enlaces a ella por todas partes)
field-polls-voted = Ya se ha votado en { $list }: deje su pregunta y sus opciones como están.
edit-draft-by-revision = El tema está publicado: su borrador cambia mediante una revisión, que los residentes ven con lo que cambió.

## La página del registro público
public-record = Registro público
public-record-of = Registro público: { $topic }
record-intro = Cada acto público sobre este tema es una entrada de este registro: cada comentario, respuesta, edición y retiro; cada comentario ocultado o restaurado, con el motivo; cada respuesta oficial y novedad; cada versión del borrador y cambio de fechas; y, al cierre, el recuento de cada encuesta. Cada entrada lleva el hash de la anterior, así que ninguna entrada puede cambiarse, quitarse ni moverse sin que cambien todos los hashes posteriores. Nunca figuran nombres ni quién votó qué.
record-head-now = El registro termina ahora en la entrada { $position }, cuyo hash es
record-empty = Este registro aún no tiene entradas.
record-check-receipt = Comprobar un comprobante
record-receipt-label = Su comprobante
record-receipt-hint = Tal como lo copió bajo su comentario o en la página de su cuenta: su número y su hash, como 12:3fa9… (64 caracteres).
record-receipt-check = Comprobar
record-receipt-holds = La entrada { $position } está en el registro con el hash de su comprobante: su comprobante es válido.
record-receipt-differs = La entrada { $position } está en el registro con un hash distinto del de su comprobante. Guarde su comprobante: muestra lo que decía el registro cuando se lo dieron.
record-receipt-missing = El registro no tiene la entrada { $position }: termina en la entrada { $head }.
record-receipt-unreadable = Eso no es un comprobante: un comprobante es un número y un hash de 64 caracteres, como 12:3fa9…
record-check-it = Compruébelo usted
record-how-json = El registro entero, en JSON:
record-how-command = Con la herramienta de Pulse, siendo ADDRESS la dirección de este tema:
record-how-doc = Cómo se hace el registro, con un verificador de treinta líneas en Python:
record-published-heads = Estados publicados
record-published-intro = Cada día que el tema está abierto, y a su cierre, el estado de su registro se publica en el canal de noticias del tema y en el registro de auditoría, para que cualquiera lo guarde. El registro tal como estaba entonces siempre puede comprobarse con él.
record-none-published = Aún no se ha publicado ningún estado.
record-head-daily = del día
record-head-at-close = al cierre
record-entry-number = Entrada { $position }
record-entries = Entradas
record-entries-range = Entradas { $from } a { $to }
record-earlier = Entradas anteriores
record-later = Entradas posteriores
record-pages = Páginas del registro
record-hash = Hash:
record-content = Lo que dice
record-withheld = Su texto no es público (ocultado, retirado, editado después o borrado); su hash se mantiene.
record-kind-comment = Comentario publicado
record-kind-edit = Comentario editado
record-kind-withdraw = Comentario retirado
record-kind-hide = Comentario ocultado
record-kind-restore = Comentario restaurado
record-kind-response = Respuesta oficial
record-kind-update = Novedad publicada
record-kind-version = Versión del borrador
record-kind-window = Fechas cambiadas
record-kind-date-added = Fecha clave agregada
record-kind-date-removed = Fecha clave quitada
record-kind-erased = Textos borrados con una cuenta
record-kind-close = Tema cerrado
