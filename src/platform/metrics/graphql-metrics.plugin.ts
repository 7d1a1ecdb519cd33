import type { ApolloServerPlugin } from '@apollo/server';
import { graphqlOperationDuration, operationLabel } from './metrics';

/** Apollo plugin: the duration of each GraphQL operation, from request to response. */
export function graphqlMetricsPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      const end = graphqlOperationDuration.startTimer();
      return {
        async willSendResponse(context) {
          const body = context.response.body;
          const hasErrors = body.kind === 'single' ? Boolean(body.singleResult.errors?.length) : false;
          end({
            operation_type: context.operation?.operation ?? 'unknown',
            operation_name: operationLabel(context.operationName ?? context.request.operationName),
            outcome: hasErrors || context.errors?.length ? 'error' : 'ok',
          });
        },
      };
    },
  };
}
